package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The printed receipts' QR codes read back as exactly the verify link they were made of, whatever the link. */
class QrCodesTests {

    @Test
    void verifyLinksOfEveryLengthReadBackExactly() throws Exception {
        Random random = new Random(8);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 200; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            String host =
                    i % 2 == 0 ? "http://localhost:" + (1024 + random.nextInt(60_000)) : "https://hub.example.gov.cn";
            String link = host + "/verify/" + hex.formatHex(digest, 0, 16) + "#" + hex.formatHex(digest);

            BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(link, 360)));

            assertThat(image.getWidth()).isEqualTo(360);
            String read = new QRCodeReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                            Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                    .getText();
            assertThat(read).isEqualTo(link);
        }
    }
}
