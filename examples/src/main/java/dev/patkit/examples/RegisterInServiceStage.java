package dev.patkit.examples;

import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.Registration;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import dev.patkit.servicestage.ServiceStageClientFactory;

/**
 * Registers the GitHub token in {@code GITHUB_TOKEN} with ServiceStage as the authorization
 * {@code ci-github}, signing requests with the access key in {@code HUAWEICLOUD_AK} /
 * {@code HUAWEICLOUD_SK} for project {@code SERVICESTAGE_PROJECT_ID} in {@code cn-north-4}.
 *
 * <p>If the response to the create is lost, Patkit lists the authorizations and reports success when
 * the name is there, instead of creating a duplicate.
 */
public final class RegisterInServiceStage {

    private RegisterInServiceStage() {}

    /**
     * Registers the token.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Patkit patkit = Patkit.create()) {
            ServiceStageClient stage = patkit.client("servicestage",
                    ServiceStageClientFactory.endpoint("cn-north-4", System.getenv("SERVICESTAGE_PROJECT_ID")),
                    AccessKey.of(System.getenv("HUAWEICLOUD_AK"), System.getenv("HUAWEICLOUD_SK")))
                    .unwrap(ServiceStageClient.class);

            Registration r = stage.createPersonal(
                    PersonalAuthorization.of("ci-github", RepoType.GITHUB, Token.fromEnvironment("GITHUB_TOKEN")));

            System.out.println(r.outcome() + ": " + r.authorization().name() + " for GitHub user "
                    + r.authorization().repoUser().orElse("?") + ", status " + r.authorization().status());
            System.out.println("check: " + stage.verify("ci-github").size() + " namespaces visible through it");
        }
    }
}
