package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToDoubleFunction;
import nn.core.optim.Schedules;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    @Test
    void cosineStartsAtTheRateAndHalvesHalfWay() {
        IntToDoubleFunction s = Schedules.cosine(0.1, 10);
        assertEquals(0.1, s.applyAsDouble(1), 1e-12);
        assertEquals(0.05, s.applyAsDouble(6), 1e-12);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.9)), s.applyAsDouble(10), 1e-12);
    }

    @Test
    void constantIsConstant() {
        assertEquals(0.3, Schedules.constant(0.3).applyAsDouble(7));
    }
}
