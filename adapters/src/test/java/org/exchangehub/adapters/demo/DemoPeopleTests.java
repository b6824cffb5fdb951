package org.exchangehub.adapters.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.exchangehub.adapters.demo.DemoPeople.FakePerson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoPeopleTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    /** The contract schema's 身份证号 pattern. */
    private static final String ID_NUMBER =
            "^[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]$";

    /** The contract schema's 统一社会信用代码 pattern. */
    private static final String CREDIT_CODE = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$";

    private static List<FakePerson> people(long seed) {
        DemoPeople people = new DemoPeople(new Random(seed));
        return IntStream.range(0, 2_000).mapToObj(i -> people.person(TODAY)).toList();
    }

    @Nested
    class Person {

        @Test
        void identityNumbersStartWith99AreEighteenCharactersAndCarryTheGb11643CheckCharacter() {
            assertThat(people(1)).allSatisfy(person -> {
                assertThat(person.idNumber()).hasSize(18).startsWith("99").matches(ID_NUMBER);
                assertThat(person.idNumber().charAt(17)).isEqualTo(gb11643Check(person.idNumber()));
            });
        }

        @Test
        void identityNumbersBelongToAdults() {
            assertThat(people(2)).allSatisfy(person -> {
                LocalDate born = LocalDate.parse(person.idNumber().substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
                assertThat(born).isBetween(TODAY.minusYears(71), TODAY.minusYears(20));
            });
        }

        @Test
        void phonesAreTheFakeRange1390000() {
            assertThat(people(3))
                    .allSatisfy(person ->
                            assertThat(person.phone()).matches("1390000\\d{4}").matches("^1[3-9][0-9]{9}$"));
        }

        @Test
        void namesAreCommonChineseNamesOfTwoOrThreeCharacters() {
            List<FakePerson> people = people(4);

            assertThat(people).allSatisfy(person -> assertThat(person.name()).matches("\\p{IsHan}{2,3}"));
            assertThat(people)
                    .extracting(FakePerson::name)
                    .anySatisfy(name -> assertThat(name).startsWith("王"));
        }

        @Test
        void sameSeedGivesTheSamePeopleAndAnotherSeedOthers() {
            assertThat(people(5)).isEqualTo(people(5)).isNotEqualTo(people(6));
        }
    }

    @Nested
    class CheckCharacters {

        @Test
        void identityCheckCharacterMatchesTheStandardsExample() {
            // The example number of GB 11643-1999 itself.
            assertThat(DemoPeople.idCheckCharacter("11010519491231002")).isEqualTo('X');
            assertThat(gb11643Check("11010519491231002X")).isEqualTo('X');
        }

        @Test
        void creditCheckCharacterMatchesAPublishedCode() {
            assertThat(DemoPeople.creditCheckCharacter("91350100M000100Y4")).isEqualTo('3');
            assertThat(gb32100Check("91350100M000100Y43")).isEqualTo('3');
        }
    }

    @Nested
    class CreditCode {

        @Test
        void isAValidFakeCodeOfRegion990000() {
            for (String company : List.of("金陵安居置业有限公司", "钟山城建置业有限公司", "石城房地产开发有限公司", "宁海置业有限公司")) {
                String code = DemoPeople.creditCode(company);

                assertThat(code).hasSize(18).matches(CREDIT_CODE).startsWith("91990000");
                assertThat(code.charAt(17)).isEqualTo(gb32100Check(code));
            }
        }

        @Test
        void isTheSameForTheSameCompanyAndDiffersBetweenCompanies() {
            assertThat(DemoPeople.creditCode("金陵安居置业有限公司"))
                    .isEqualTo(DemoPeople.creditCode("金陵安居置业有限公司"))
                    .isNotEqualTo(DemoPeople.creditCode("钟山城建置业有限公司"));
        }
    }

    /** GB 11643 worked out afresh: weight 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 written X. */
    static char gb11643Check(String idNumber) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int weight = (1 << (17 - i)) % 11;
            sum += (idNumber.charAt(i) - '0') * weight;
        }
        int check = (12 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** GB 32100 worked out afresh: weight 3^i mod 31, check value 31 - sum mod 31, 31 written 0. */
    static char gb32100Check(String code) {
        String characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += characters.indexOf(code.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return characters.charAt((31 - sum % 31) % 31);
    }
}
