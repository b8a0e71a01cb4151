/**
 * Patkit for Huawei Cloud ServiceStage: the forge credentials ("repository authorizations") a
 * ServiceStage project stores, with IAM token, IAM password and AK/SK ({@code SDK-HMAC-SHA256})
 * authentication.
 */
module dev.patkit.servicestage {
    requires transitive dev.patkit.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.patkit.servicestage;

    provides dev.patkit.core.spi.ProviderClientFactory with dev.patkit.servicestage.ServiceStageClientFactory;
}
