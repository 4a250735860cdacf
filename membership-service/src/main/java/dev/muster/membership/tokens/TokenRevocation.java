package dev.muster.membership.tokens;

import dev.muster.events.operations.Operation;
import dev.muster.lxd.operations.OperationCancelHandler;
import dev.muster.membership.application.ClusterService;
import org.springframework.stereotype.Component;

/** Cancelling a join token's operation ({@code DELETE /1.0/operations/{id}}) revokes the token. */
@Component
class TokenRevocation implements OperationCancelHandler {

    private final ClusterService cluster;

    TokenRevocation(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public void onCancel(Operation operation) {
        if ("token".equals(operation.operationClass())) {
            cluster.executeEvents(c -> c.revokeToken(operation.id()));
        }
    }
}
