package dev.patkit.core.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.ResponseTooLargeException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Reads a whole body into memory, failing as soon as it passes a size limit. */
final class LimitedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private final int limit;
    private final ErrorContext context;
    private volatile ResponseTooLargeException failure;
    private volatile int status;

    LimitedBodyHandler(int limit, ErrorContext context) {
        this.limit = limit;
        this.context = context;
    }

    /** @return the size failure, if the body was refused (the JDK may report it as a plain IOException) */
    ResponseTooLargeException failure() {
        return failure;
    }

    /** @return the status of the answer whose body was read (0 before the headers came) */
    int status() {
        return status;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        status = info.statusCode();
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
        return new Subscriber(declared > limit, declared);
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final boolean tooLargeUpFront;
        /** Sized by Content-Length when declared, so a body is copied once, straight from the buffers. */
        private byte[] out;
        private int size;
        private Flow.Subscription subscription;

        Subscriber(boolean tooLargeUpFront, long declared) {
            this.tooLargeUpFront = tooLargeUpFront;
            this.out = new byte[declared >= 0 && declared <= limit ? (int) declared : 1024];
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            if (tooLargeUpFront) {
                fail();
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if ((long) size + n > limit) {
                    fail();
                    subscription.cancel();
                    return;
                }
                if (size + n > out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(limit, Math.max((long) size + n, 2L * out.length)));
                }
                b.get(out, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(size == out.length ? out : Arrays.copyOf(out, size));
        }

        private void fail() {
            failure = new ResponseTooLargeException(context.provider() + ": the response to '"
                    + context.operation() + "' is larger than the limit of " + limit + " bytes", context);
            result.completeExceptionally(failure);
        }
    }
}
