package dev.muster.membership.members;

import dev.muster.membership.cluster.ClusterState;
import dev.muster.membership.cluster.Member;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * LXD's {@code ClusterMember}: what {@code GET /1.0/cluster/members/{name}} shows. Status and message are
 * derived at read time, as LXD does: Evacuated, else Offline (no heartbeat), else Online.
 */
public record MemberView(
        String serverName,
        String url,
        boolean database,
        String status,
        String message,
        String architecture,
        String failureDomain,
        String description,
        Map<String, String> config,
        List<String> groups,
        List<String> roles) {

    /** The writable part ({@code ClusterMemberPut}): what the ETag covers. */
    public record Writable(
            List<String> roles,
            String failureDomain,
            String description,
            Map<String, String> config,
            List<String> groups) {}

    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z 'UTC'");

    public static MemberView of(Member member, ClusterState state, Instant now) {
        List<String> roles = state.apiRoles(member);
        String status;
        String message;
        if (member.evacuated()) {
            status = "Evacuated";
            message = "Unavailable due to maintenance";
        } else if (!member.online()) {
            status = "Offline";
            message = "No heartbeat for " + goDuration(Duration.between(member.lastHeartbeat(), now)) + " ("
                    + GO_TIME.format(member.lastHeartbeat().atOffset(ZoneOffset.UTC)) + ")";
        } else {
            status = "Online";
            message = "Fully operational";
        }
        return new MemberView(
                member.name(),
                "https://" + member.address(),
                roles.stream().anyMatch(r -> r.startsWith("database")),
                status,
                message,
                member.architecture(),
                member.failureDomain(),
                member.description(),
                member.config(),
                member.groups(),
                roles);
    }

    public Writable writable() {
        return new Writable(roles, failureDomain, description, config, groups);
    }

    /** Go's {@code time.Duration} string, to the second: {@code 25s}, {@code 1m5s}, {@code 2h0m3s}. */
    static String goDuration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + rest + "s";
        }
        return minutes > 0 ? minutes + "m" + rest + "s" : rest + "s";
    }
}
