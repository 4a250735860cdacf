package dev.muster.gateway.operations;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.operations.Operation;
import dev.muster.events.operations.OperationCancelRequested;
import dev.muster.events.operations.OperationStatus;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** {@code /1.0/operations}: every service's operations, their long polls and their cancellation. */
@RestController
@RequestMapping("/1.0/operations")
class OperationsController {

    /** An absent or negative {@code timeout} waits without limit; in practice a day. */
    private static final Duration NO_LIMIT = Duration.ofDays(1);

    private final OperationsView view;
    private final OperationWaiters waiters;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Duration cancelWait;
    private final GatewayOwnedOperations ownOperations;

    OperationsController(
            GatewayOwnedOperations ownOperations,
            OperationsView view,
            OperationWaiters waiters,
            Outbox outbox,
            TransactionTemplate transactions,
            @Value("${muster.gateway.cancel-wait:5s}") Duration cancelWait) {
        this.view = view;
        this.waiters = waiters;
        this.outbox = outbox;
        this.transactions = transactions;
        this.cancelWait = cancelWait;
        this.ownOperations = ownOperations;
    }

    /** A map from lowercase status to URLs, or to operations with {@code recursion=1}. */
    @GetMapping
    LxdResponse list(@RequestParam(required = false) String recursion, @RequestParam(required = false) String status) {
        boolean objects = LxdResponses.recursion(recursion) >= 1;
        Map<String, List<Object>> byStatus = view.all().stream()
                .filter(op -> status == null || op.status().equalsIgnoreCase(status))
                .collect(Collectors.groupingBy(
                        op -> op.status().toLowerCase(Locale.ROOT),
                        LinkedHashMap::new,
                        Collectors.mapping(
                                op -> objects ? op : LxdResponse.operationUrl(op.id()), Collectors.toList())));
        return LxdResponse.sync(byStatus);
    }

    @GetMapping("/{id}")
    LxdResponse get(@PathVariable String id) {
        return LxdResponse.sync(existing(id));
    }

    /** Returns as soon as the operation is final, or with its current state after {@code timeout} seconds. */
    @GetMapping("/{id}/wait")
    DeferredResult<LxdResponse> await(@PathVariable String id, @RequestParam(required = false) String timeout) {
        Operation current = existing(id);
        Duration limit = parseTimeout(timeout);
        DeferredResult<LxdResponse> result = new DeferredResult<>(limit.toMillis());
        if (current.isFinal() || limit.isZero()) {
            result.setResult(LxdResponse.sync(current));
            return result;
        }
        var waiter = waiters.untilFinal(id);
        waiter.thenAccept(op -> result.setResult(LxdResponse.sync(op)));
        result.onTimeout(() -> {
            waiter.cancel(false);
            result.setResult(LxdResponse.sync(view.find(id).orElse(current)));
        });
        return result;
    }

    /** Asks the owning service to cancel; answers once it did, or after {@code muster.gateway.cancel-wait}. */
    @DeleteMapping("/{id}")
    LxdResponse cancel(@PathVariable String id) throws InterruptedException {
        Operation current = existing(id);
        if (current.statusCode() != OperationStatus.RUNNING.code()) {
            throw LxdException.badRequest("Only running operations can be cancelled");
        }
        if (!current.mayCancel()) {
            throw LxdException.badRequest("This operation can't be cancelled");
        }
        String owner = view.ownerOf(id).orElse(current.location());
        if (owner.equals(GatewayOwnedOperations.OWNER)) {
            ownOperations.cancel(id);
            return LxdResponse.empty();
        }
        var finished = waiters.untilFinal(id);
        transactions.executeWithoutResult(tx -> outbox.publish(new OperationCancelRequested(id, owner)));
        try {
            finished.get(cancelWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            finished.cancel(false); // the owner finishes the cancellation in its own time
        }
        return LxdResponse.empty();
    }

    private Operation existing(String id) {
        return view.find(id).orElseThrow(() -> LxdException.notFound("Operation not found"));
    }

    private static Duration parseTimeout(String timeout) {
        if (timeout == null || timeout.isBlank()) {
            return NO_LIMIT;
        }
        try {
            double seconds = Double.parseDouble(timeout.trim());
            return seconds < 0 ? NO_LIMIT : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            throw LxdException.badRequest("Invalid timeout \"%s\": a number of seconds is required", timeout);
        }
    }
}
