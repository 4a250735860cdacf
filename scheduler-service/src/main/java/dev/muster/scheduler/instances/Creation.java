package dev.muster.scheduler.instances;

import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A creation as a client asks for it.
 *
 * @param image the image it is created from ({@code source.type} {@code image}), or null for none
 */
public record Creation(
        String project,
        String name,
        String type,
        String architecture,
        String description,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        List<String> profiles,
        boolean start,
        PlacementTarget target,
        ImageSource image) {

    /**
     * The creation from {@code resolved}, as LXD records it: the image's fingerprint in {@code volatile.base_image}, and
     * the image's architecture unless the request names one (placement then filters members by it).
     */
    public Creation from(ImagesView.Image resolved) {
        Map<String, String> withImage = new HashMap<>(config);
        withImage.put(Instance.BASE_IMAGE, resolved.fingerprint());
        String needed = architecture.isEmpty() ? resolved.architecture() : architecture;
        return new Creation(
                project,
                name,
                type,
                needed,
                description,
                Map.copyOf(withImage),
                devices,
                profiles,
                start,
                target,
                image);
    }
}
