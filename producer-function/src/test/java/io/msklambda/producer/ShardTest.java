package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTest {

    private static ScheduledEvent withDetail(Map<String, Object> detail) {
        return new ScheduledEvent().withDetail(detail);
    }

    @Test
    void readsShardAndShardsFromTheDetail() {
        assertThat(Shard.of(withDetail(Map.of("shard", 2, "shards", 5)))).isEqualTo(new Shard(2, 5));
        assertThat(Shard.of(withDetail(Map.of("shard", "1", "shards", "3")))).isEqualTo(new Shard(1, 3));
    }

    @Test
    void anyOtherShapeIsTheWholeLoad() {
        assertThat(Shard.of(null)).isEqualTo(Shard.ALL);
        assertThat(Shard.of(new ScheduledEvent())).isEqualTo(Shard.ALL);
        assertThat(Shard.of(withDetail(Map.of()))).isEqualTo(Shard.ALL);
        assertThat(Shard.of(withDetail(Map.of("id", 1234, "name", "product")))).isEqualTo(Shard.ALL);
        assertThat(Shard.of(withDetail(Map.of("shard", 5, "shards", 5)))).isEqualTo(Shard.ALL);
        assertThat(Shard.of(withDetail(Map.of("shard", -1, "shards", 5)))).isEqualTo(Shard.ALL);
        assertThat(Shard.of(withDetail(Map.of("shard", 1.5, "shards", 5)))).isEqualTo(Shard.ALL);
    }

    @Test
    void devicesAreDealtOutRoundRobin() {
        Shard second = new Shard(1, 3);
        assertThat(second.ownedDevices(10)).isEqualTo(3);
        assertThat(second.device(0)).isEqualTo(2);
        assertThat(second.device(2)).isEqualTo(8);
        assertThat(new Shard(0, 3).ownedDevices(10)).isEqualTo(4);
        assertThat(new Shard(3, 4).ownedDevices(3)).isZero();
    }
}
