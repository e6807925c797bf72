package netcanvas.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netcanvas.data.DataException;
import org.junit.jupiter.api.Test;

/** The panel refuses built-in datasets that could not be held in memory, instead of failing while loading. */
class TrainingDataSizeTest {

    @Test
    void resnet50SizedSyntheticDataIsRefusedWithTheFigure() {
        TrainableNetwork imagenet = new TrainableNetwork(null, 3, 224, 224, 1000, null);
        DataException e = assertThrows(DataException.class, () -> DatasetChooser.checkSize("synthetic", imagenet));
        // 1,000 classes x (200 + 50) images x 3 x 224 x 224 bytes = 37,632,000,000 bytes = 35.0 GiB
        assertTrue(e.getMessage().contains("35.0 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains("3x224x224, 1000 classes"), e.getMessage());
        // 70,000 Fashion-MNIST images x 150,528 bytes = 10,536,960,000 bytes = 9.8 GiB
        DataException f = assertThrows(DataException.class,
                () -> DatasetChooser.checkSize("fashion-mnist", imagenet));
        assertTrue(f.getMessage().startsWith("Fashion-MNIST for 3x224x224") && f.getMessage().contains("9.8 GiB"),
                f.getMessage());
    }

    @Test
    void lenet5SizedDataIsFine() {
        // 10 x 250 x 1 x 32 x 32 = 2,560,000 bytes; Fashion-MNIST 70,000 x 1,024 = 71,680,000 bytes
        TrainableNetwork lenet = new TrainableNetwork(null, 1, 32, 32, 10, null);
        assertDoesNotThrow(() -> DatasetChooser.checkSize("synthetic", lenet));
        assertDoesNotThrow(() -> DatasetChooser.checkSize("fashion-mnist", lenet));
    }
}
