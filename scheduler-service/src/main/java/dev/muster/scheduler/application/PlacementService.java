package dev.muster.scheduler.application;

import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.instances.InstanceDecider;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.Placement;
import dev.muster.scheduler.placement.ClusterView;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The decision loop's decisions: load → decide → record, in the transaction of the loop's batch. */
@Service
public class PlacementService {

    private static final Logger log = LoggerFactory.getLogger(PlacementService.class);

    private final Instances instances;
    private final InstanceDecider decider;
    private final ClusterView view;
    private final ImagesView images;
    private final Recorder recorder;

    PlacementService(
            Instances instances, InstanceDecider decider, ClusterView view, ImagesView images, Recorder recorder) {
        this.instances = instances;
        this.decider = decider;
        this.view = view;
        this.images = images;
        this.recorder = recorder;
    }

    public void decide(Placement request) {
        List<InstanceEvent> events = decider.place(request, instances.lock(request.project(), request.name()));
        if (events.isEmpty()) {
            log.info(
                    "Placement of {} skipped: already decided, or the instance was deleted or is no longer asked for",
                    request.name());
        }
        recorder.record(events);
    }

    /** The batch was rolled back and comes again: forget what it counted and the image copies it asked for. */
    public void forgetUncommitted() {
        view.countsAre(instances.countsByLocation());
        images.forgetAskedCopies();
    }
}
