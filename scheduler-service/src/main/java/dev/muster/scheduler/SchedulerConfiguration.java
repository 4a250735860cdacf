package dev.muster.scheduler;

import dev.muster.scheduler.evacuation.EvacuationDecider;
import dev.muster.scheduler.images.ImagesView;
import dev.muster.scheduler.instances.ImageResolver;
import dev.muster.scheduler.instances.InstanceDecider;
import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.Placer;
import dev.muster.scheduler.scriptlet.MemberStates;
import dev.muster.scheduler.scriptlet.ScriptletPolicy;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    MemberStates memberStates() {
        return new MemberStates();
    }

    @Bean
    ScriptletPolicy scriptletPolicy(MemberStates states) {
        return new ScriptletPolicy(states);
    }

    @Bean
    ClusterView clusterView() {
        return new ClusterView();
    }

    @Bean
    ImagesView imagesView() {
        return new ImagesView();
    }

    /** Resolves the images creations name; one just imported gets the views' usual moment to arrive. */
    @Bean
    ImageResolver imageResolver(ImagesView images) {
        return new ImageResolver(images);
    }

    @Bean
    InstanceDecider instanceDecider(ClusterView view, Placer placer, ImagesView images, Clock clock) {
        return new InstanceDecider(view, placer, images, clock, SchedulerConfiguration::newTransferId);
    }

    @Bean
    EvacuationDecider evacuationDecider(Placer placer, ClusterView view) {
        return new EvacuationDecider(placer, view, SchedulerConfiguration::newTransferId);
    }

    private static String newTransferId() {
        return UUID.randomUUID().toString();
    }

    /** Ties are broken at random; {@code muster.scheduler.seed} makes the choices repeatable (tests). */
    @Bean
    Placer placer(ClusterView view, ScriptletPolicy scriptlet, @Value("${muster.scheduler.seed:}") String seed) {
        Placer placer =
                new Placer(view, seed.isBlank() ? new SplittableRandom() : new SplittableRandom(Long.parseLong(seed)));
        placer.usePolicy(scriptlet);
        return placer;
    }
}
