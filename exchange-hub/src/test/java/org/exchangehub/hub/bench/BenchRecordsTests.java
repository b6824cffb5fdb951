package org.exchangehub.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.exchangehub.hub.record.PublishRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BenchRecordsTests {

    @Nested
    class IndexOf {

        @Test
        void findsTheIndexOfEveryRecordOfItsPrefix() {
            List<PublishRequest> records = BenchRecords.of("r1-e", 7);

            for (int i = 0; i < records.size(); i++) {
                assertThat(BenchRecords.indexOf("r1-e", records.get(i).id())).isEqualTo(i);
                assertThat(records.get(i).type()).isEqualTo(BenchRecords.typeOf(i));
            }
        }

        @Test
        void tellsARecordOfAnotherPrefixOrNoBenchRecordApart() {
            String otherPrefix = BenchRecords.of("r1-e-x", 1).get(0).id();

            assertThat(BenchRecords.indexOf("r1-e", otherPrefix)).isEqualTo(-1);
            assertThat(BenchRecords.indexOf("r1-e", "FW-r1-e-")).isEqualTo(-1);
            assertThat(BenchRecords.indexOf("r1-e", "ZZ-r1-e-3")).isEqualTo(-1);
        }
    }
}
