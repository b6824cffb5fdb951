package org.exchangehub.certs.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterialBundleTests {

    @TempDir
    Path root;

    private static MaterialBundle bundle(String version) {
        return new MaterialBundle()
                .add("ca/ca.crt", "certificate " + version)
                .addSecret("ca/ca.key", "key " + version)
                .add("truststore.p12", new byte[] {1, 2, 3})
                .addDirectory("msp/admincerts")
                .removeOnReplace("password.txt");
    }

    @Nested
    class Writing {

        @Test
        void writesEveryFileAndDirectoryIntoANewDirectory() throws Exception {
            Path target = root.resolve("pki");

            bundle("1").writeTo(target, false);

            assertThat(Files.readString(target.resolve("ca/ca.crt"))).isEqualTo("certificate 1");
            assertThat(Files.readAllBytes(target.resolve("truststore.p12"))).containsExactly(1, 2, 3);
            assertThat(target.resolve("msp/admincerts")).isEmptyDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("ca/ca.key"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                    .isEqualTo("rwxr-xr-x");
            try (var left = Files.list(root)) {
                assertThat(left).containsExactly(target);
            }
        }

        @Test
        void writesIntoAnExistingDirectoryWithoutTouchingOtherFiles() throws Exception {
            Path target = Files.createDirectories(root.resolve("pki"));
            Files.writeString(target.resolve("notes.txt"), "mine");

            bundle("1").writeTo(target, false);

            assertThat(Files.readString(target.resolve("notes.txt"))).isEqualTo("mine");
            assertThat(target.resolve("ca/ca.key")).hasContent("key 1");
        }

        @Test
        void exposesItsFilesAndContent() {
            MaterialBundle bundle = bundle("1");

            assertThat(bundle.files()).containsExactlyInAnyOrder("ca/ca.crt", "ca/ca.key", "truststore.p12");
            assertThat(bundle.content("ca/ca.crt")).asString().isEqualTo("certificate 1");
            assertThat(bundle.content("nothing")).isNull();
        }
    }

    @Nested
    class Replacing {

        @Test
        void refusesToReplaceAndChangesNothing() throws Exception {
            Path target = root.resolve("pki");
            bundle("1").writeTo(target, false);

            assertThatThrownBy(() -> bundle("2").writeTo(target, false))
                    .isInstanceOf(OutputExistsException.class)
                    .hasMessageContaining("already holds generated material")
                    .hasMessageContaining("nothing was written")
                    .satisfies(e ->
                            assertThat(((OutputExistsException) e).existing()).hasSize(3));
            assertThat(target.resolve("ca/ca.crt")).hasContent("certificate 1");
            try (var left = Files.list(root)) {
                assertThat(left).containsExactly(target);
            }
        }

        @Test
        void replacesWhenAskedAndRemovesObsoleteFiles() throws Exception {
            Path target = root.resolve("pki");
            bundle("1").writeTo(target, false);
            Files.writeString(target.resolve("password.txt"), "old");

            bundle("2").writeTo(target, true);

            assertThat(target.resolve("ca/ca.crt")).hasContent("certificate 2");
            assertThat(target.resolve("password.txt")).doesNotExist();
        }

        @Test
        void refusesATargetThatIsAFile() throws Exception {
            Path file = Files.writeString(root.resolve("file"), "x");

            assertThatThrownBy(() -> bundle("1").writeTo(file, true))
                    .isInstanceOf(MaterialException.class)
                    .hasMessageContaining("is not a directory");
        }

        @Test
        void refusesPathsThatLeaveTheTarget() {
            assertThatThrownBy(() -> new MaterialBundle().add("../escape", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new MaterialBundle().add("/etc/passwd", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
