package com.example.mish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example main: training by name, saving, loading. */
class TrainWithMishTest {

    @TempDir
    Path dir;

    @Test
    void trainsSavesAndLoadsWithThePluginsByName() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path file = dir.resolve("quantile.nnm");
        TrainWithMish.Result r = TrainWithMish.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), file, 150, 7);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(Files.size(file) > 0);
        assertTrue(r.lossAfter() < 0.7 * r.lossBefore(), printed);
        // the point of the pinball loss: about 90% of the targets end up below the prediction
        assertTrue(Math.abs(r.coverage() - 0.9) < 0.06, printed);
        assertEquals(r.coverage(), r.coverageLoaded());
        assertTrue(r.identicalPredictions(), printed);
        assertEquals("pinball(tau=0.9)", r.savedLoss());
        assertEquals("mish", r.savedActivation());
        assertTrue(printed.contains("RESULT: ") && printed.contains("bit for bit the same"), printed);
        assertTrue(printed.contains(Mish.class.getName()) && printed.contains(PinballLoss.class.getName()), printed);
    }
}
