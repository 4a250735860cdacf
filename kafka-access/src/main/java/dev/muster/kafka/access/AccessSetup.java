package dev.muster.kafka.access;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Makes the principals of a credentials file known to the broker: a SCRAM-SHA-512 user each (its password from the
 * file, replacing an older one) and the ACLs of its {@link Rights}. Run by {@value AccessTable#ADMIN} at broker
 * start; running it again changes nothing but passwords that changed. Principals the table does not know get a user
 * but no ACL, so they can log in and do nothing.
 */
public final class AccessSetup {

    /** Prefix of Muster's topics. */
    public static final String TOPIC_PREFIX = "muster.";

    private static final int ITERATIONS = 4096;

    private AccessSetup() {}

    /** Creates or updates every user of {@code credentials} but the super user, and grants their rights. */
    public static void apply(Admin admin, Credentials credentials)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (String principal : credentials.principals()) {
            if (principal.equals(AccessTable.ADMIN)) {
                continue;
            }
            String password = credentials.passwordOf(principal).orElseThrow();
            users.add(new UserScramCredentialUpsertion(
                    principal, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password));
            AccessTable.rightsOf(principal).ifPresent(rights -> acls.addAll(aclBindings(rights)));
        }
        if (!users.isEmpty()) {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
        }
        if (!acls.isEmpty()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The ACLs that grant {@code rights}, and nothing more. */
    public static List<AclBinding> aclBindings(Rights rights) {
        String user = "User:" + rights.principal();
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : rights.writes()) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
        }
        for (String topic : rights.reads()) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
        }
        acls.add(allow(user, ResourceType.GROUP, rights.groupPrefix(), PatternType.PREFIXED, AclOperation.READ));
        if (rights.createsTopics()) {
            acls.add(allow(user, ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED, AclOperation.CREATE));
            acls.add(allow(user, ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED, AclOperation.DESCRIBE));
        }
        return acls;
    }

    private static AclBinding allow(
            String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
    }
}
