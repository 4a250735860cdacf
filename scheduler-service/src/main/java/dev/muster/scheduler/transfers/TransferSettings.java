package dev.muster.scheduler.transfers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code muster.scheduler.transfers.*}: where a moving instance's data waits between its source's export and its
 * target's import.
 *
 * @param directory where transfers are kept; empty for a new temporary directory
 * @param baseUrl the scheduler as members reach it; transfers are under {@code /internal/transfers/<id>}
 */
@ConfigurationProperties("muster.scheduler.transfers")
public record TransferSettings(
        @DefaultValue("") String directory,
        @DefaultValue("http://127.0.0.1:8082") String baseUrl) {

    /** The URL the source exports the transfer {@code id} to, and the target imports it from. */
    public String urlOf(String id) {
        return baseUrl.replaceAll("/+$", "") + TransfersController.PATH + "/" + id;
    }
}
