package nn.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EpochRecordTest {

    @Test
    void csvLineMatchesTheHeader() {
        EpochRecord r = new EpochRecord(3, 0.3625, 0.868, 0.383, 0.862, 4.25);
        assertEquals("epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds", EpochRecord.CSV_HEADER);
        assertEquals("3,0.362500,0.868000,0.383000,0.862000,4.250", r.toCsvLine());
    }

    @Test
    void valuesNotMeasuredAreNaNAndEmptyInCsv() {
        EpochRecord r = new EpochRecord(1, 0.5, Double.NaN, Double.NaN, Double.NaN, 0);
        assertEquals("1,0.500000,,,,0.000", r.toCsvLine());
    }

    @Test
    void aDivergedLossIsAccepted() {
        EpochRecord r = new EpochRecord(1, Double.POSITIVE_INFINITY, 0.1, Double.NaN, Double.NaN, 1);
        assertEquals(Double.POSITIVE_INFINITY, r.trainLoss());
    }

    @Test
    void valuesAreChecked() {
        assertEquals("epoch must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new EpochRecord(0, 1, 0.5, 1, 0.5, 1)).getMessage());
        assertEquals("testAccuracy must be in [0, 1] (or NaN if not measured), got 88.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new EpochRecord(1, 1, 0.5, 1, 88, 1)).getMessage());
        assertEquals("seconds must be finite and non-negative, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> new EpochRecord(1, 1, 0.5, 1, 0.5, -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EpochRecord(1, 1, 0.5, 1, 0.5, Double.NaN));
    }
}
