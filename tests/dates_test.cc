// The dates stage: calendar arithmetic and the TIMEX3 helpers of stages/dates/timex.h (tables of
// {input, want}), the `also:` companion mechanism of the rule engine, and end-to-end behaviour that
// rule examples cannot express (reference-date sources, unresolved values, overlap with plans).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "pipeline/rules/rule_book.h"
#include "stages/dates/timex.h"
#include "tests/test_util.h"

namespace policygraph::testing {
namespace {

TEST(TimexCalendarTest, DaysRoundTrip) {
  const struct {
    CivilDate date;
    int64_t days;
  } kCases[] = {{{1970, 1, 1}, 0}, {{2000, 3, 1}, 11017}, {{1969, 12, 31}, -1}, {{2013, 2, 12}, 15748}};
  for (const auto& c : kCases) {
    EXPECT_EQ(DaysFromCivil(c.date), c.days) << c.date.year << "-" << c.date.month << "-" << c.date.day;
    EXPECT_EQ(CivilFromDays(c.days), c.date) << c.days;
  }
}

TEST(TimexCalendarTest, Weekdays) {
  const struct {
    CivilDate date;
    int weekday;
  } kCases[] = {{{2013, 2, 12}, 2}, {{1989, 10, 27}, 5}, {{2000, 1, 1}, 6}, {{2024, 12, 29}, 7}};
  for (const auto& c : kCases) EXPECT_EQ(IsoWeekday(c.date), c.weekday) << c.date.year << "-" << c.date.day;
}

TEST(TimexCalendarTest, IsoWeeks) {
  const struct {
    CivilDate date;
    int year, week;
  } kCases[] = {{{2013, 2, 12}, 2013, 7}, {{2021, 1, 3}, 2020, 53}, {{2024, 12, 30}, 2025, 1}, {{1989, 10, 26}, 1989, 43}};
  for (const auto& c : kCases) {
    IsoWeek w = IsoWeekOf(c.date);
    EXPECT_EQ(w.year, c.year) << c.date.year << "-" << c.date.month << "-" << c.date.day;
    EXPECT_EQ(w.week, c.week) << c.date.year << "-" << c.date.month << "-" << c.date.day;
  }
}

TEST(TimexCalendarTest, AddMonthsClampsTheDay) {
  EXPECT_EQ(AddMonths({2013, 1, 31}, 1), (CivilDate{2013, 2, 28}));
  EXPECT_EQ(AddMonths({2013, 1, 15}, -1), (CivilDate{2012, 12, 15}));
  EXPECT_EQ(AddMonths({2012, 2, 29}, 12), (CivilDate{2013, 2, 28}));
  EXPECT_EQ(AddMonths({2013, 3, 1}, -26), (CivilDate{2011, 1, 1}));
}

TEST(TimexCalendarTest, ParseRefDate) {
  const struct {
    const char* text;
    std::optional<CivilDate> date;
    int grain;
  } kCases[] = {
      {"2013-02-12", CivilDate{2013, 2, 12}, 3}, {"1998-04-02T22:52:00", CivilDate{1998, 4, 2}, 3},
      {"2019-06", CivilDate{2019, 6, 1}, 2},     {"2019", CivilDate{2019, 1, 1}, 1},
      {"2019-13-01", std::nullopt, 0},           {"2019-02-30", std::nullopt, 0},
      {"", std::nullopt, 0},                     {"June 2019", std::nullopt, 0},
  };
  for (const auto& c : kCases) {
    auto r = ParseRefDate(c.text);
    ASSERT_EQ(r.has_value(), c.date.has_value()) << c.text;
    if (!r) continue;
    EXPECT_EQ(r->date, *c.date) << c.text;
    EXPECT_EQ(r->grain, c.grain) << c.text;
  }
}

TEST(TimexCalendarTest, ResolveWeekday) {
  const CivilDate tue{2013, 2, 12};
  const struct {
    int weekday, dir;
    CivilDate want;
  } kCases[] = {
      {2, -1, {2013, 2, 12}}, {5, -1, {2013, 2, 8}},  {5, 1, {2013, 2, 15}}, {2, 1, {2013, 2, 12}},
      {2, -2, {2013, 2, 5}},  {2, 2, {2013, 2, 19}},  {1, 0, {2013, 2, 11}}, {7, 0, {2013, 2, 17}},
      {1, -2, {2013, 2, 11}}, {3, 2, {2013, 2, 13}},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(ResolveWeekday(tue, c.weekday, c.dir), c.want) << "weekday " << c.weekday << " dir " << c.dir;
  }
}

TEST(TimexWordsTest, Months) {
  const struct {
    const char* text;
    std::optional<int> want;
  } kCases[] = {{"June", 6}, {"Sept.", 9}, {"sep", 9}, {"Jan.", 1}, {"December", 12}, {"Mayor", std::nullopt}};
  for (const auto& c : kCases) EXPECT_EQ(MonthNumber(c.text), c.want) << c.text;
}

TEST(TimexWordsTest, Weekdays) {
  const struct {
    const char* text;
    std::optional<int> want;
  } kCases[] = {{"Tuesday", 2}, {"Tues.", 2}, {"Thursdays", 4}, {"Friday's", 5}, {"Sun", 7}, {"Fried", std::nullopt}};
  for (const auto& c : kCases) EXPECT_EQ(WeekdayNumber(c.text), c.want) << c.text;
}

TEST(TimexWordsTest, Ordinals) {
  const struct {
    const char* text;
    std::optional<int> want;
  } kCases[] = {{"Q3", 3}, {"third", 3}, {"4th", 4}, {"H2", 2}, {"first", 1}, {"fifth", std::nullopt}};
  for (const auto& c : kCases) EXPECT_EQ(OrdinalNumber(c.text), c.want) << c.text;
}

TEST(TimexWordsTest, SpelledYears) {
  const struct {
    const char* text;
    std::optional<int> want;
  } kCases[] = {{"nineteen ninety-six", 1996}, {"nineteen eighty", 1980}, {"two thousand", 2000},
                {"two thousand and five", 2005}, {"twenty twenty-five", 2025}, {"nineteen", std::nullopt},
                {"nineteen five", std::nullopt}};
  for (const auto& c : kCases) EXPECT_EQ(SpelledYear(c.text), c.want) << c.text;
}

TEST(TimexWordsTest, Counts) {
  const struct {
    const char* text;
    std::optional<double> want;
  } kCases[] = {{"five", 5}, {"24", 24}, {"a", 1}, {"an", 1}, {"twenty four", 24}, {"a couple of", 2},
                {"1.5", 1.5}, {"2 1/2", 2.5}, {"several", std::nullopt}, {"a few", std::nullopt}};
  for (const auto& c : kCases) EXPECT_EQ(CountValue(c.text), c.want) << c.text;
  EXPECT_TRUE(IsVagueCount("several"));
  EXPECT_TRUE(IsVagueCount("A few"));
  EXPECT_FALSE(IsVagueCount("five"));
}

TEST(TimexWordsTest, Mods) {
  const struct {
    const char* text;
    const char* want;
  } kCases[] = {{"early", "START"}, {"mid", "MID"}, {"Late", "END"}, {"the end of", "END"},
                {"the beginning of", "START"}, {"or later", "ON_OR_AFTER"}, {"and beyond", "ON_OR_AFTER"},
                {"or earlier", "ON_OR_BEFORE"}, {"around", "APPROX"}, {"by", ""}};
  for (const auto& c : kCases) EXPECT_EQ(TemporalMod(c.text), c.want) << c.text;
}

TEST(TimexValuesTest, Durations) {
  const struct {
    std::optional<double> count;
    const char* unit;
    const char* want;
  } kCases[] = {
      {5, "Y", "P5Y"},     {1, "DE", "P10Y"},  {18, "M", "P18M"}, {24, "H", "PT24H"},  {30, "MIN", "PT30M"},
      {2, "W", "P2W"},     {1.5, "Y", "P1Y6M"}, {0.5, "H", "PT30M"}, {2.5, "D", "P2DT12H"}, {5.5, "H", "PT5H30M"}, {2, "Q", "P2Q"},   {std::nullopt, "Y", "PXY"},
      {std::nullopt, "H", "PTXH"}, {std::nullopt, "DE", "PXDE"}, {1, "CE", "P100Y"}, {3, "D", "P3D"}, {1, "??", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(DurationValue(c.count, c.unit), c.want) << c.unit;
}

TEST(TimexValuesTest, ShiftedValues) {
  const CivilDate ref{2013, 2, 12};
  const struct {
    int n;
    const char* unit;
    const char* want;
  } kCases[] = {
      {-1, "Y", "2012"},      {1, "M", "2013-03"},    {-2, "M", "2012-12"},  {-1, "W", "2013-W06"},
      {0, "W", "2013-W07"},   {-1, "D", "2013-02-11"}, {0, "Q", "2013-Q1"},  {-1, "Q", "2012-Q4"},
      {-5, "Q", "2011-Q4"},   {1, "DE", "202X"},      {0, "CE", "20"},     {0, "WE", "2013-W07-WE"},
  };
  for (const auto& c : kCases) EXPECT_EQ(ShiftedValue(ref, c.n, c.unit), c.want) << c.n << " " << c.unit;
}

TEST(TimexValuesTest, Holidays) {
  const struct {
    const char* code;
    int year;
    std::optional<CivilDate> want;
  } kCases[] = {
      {"12-25", 1998, CivilDate{1998, 12, 25}},  {"11-4-4", 1999, CivilDate{1999, 11, 25}},   // Thanksgiving
      {"11-1-1+1", 1998, CivilDate{1998, 11, 3}}, {"11-1-1+1", 2020, CivilDate{2020, 11, 3}},  // Election Day
      {"05-1-L", 2013, CivilDate{2013, 5, 27}},  {"09-1-1", 2024, CivilDate{2024, 9, 2}},     // Memorial, Labor Day
      {"EASTER", 2000, CivilDate{2000, 4, 23}},  {"EASTER", 2024, CivilDate{2024, 3, 31}},
      {"EASTER-2", 2019, CivilDate{2019, 4, 19}}, {"02-29", 2023, std::nullopt},
      {"02-1-5", 2013, std::nullopt},            {"XMAS", 2013, std::nullopt},
  };
  for (const auto& c : kCases) EXPECT_EQ(HolidayDate(c.code, c.year), c.want) << c.code << " " << c.year;
}

// ClauseTense of the text between [[ and ]] in its sentence.
int TenseAround(std::string sentence) {
  const size_t start = sentence.find("[[");
  sentence.erase(start, 2);
  const size_t end = sentence.find("]]");
  sentence.erase(end, 2);
  return ClauseTense(sentence, start, end);
}

TEST(TimexTenseTest, NearestMarkerDecides) {
  const struct {
    const char* sentence;
    int want;
  } kCases[] = {
      {"The vote will take place in [[March]].", 1},
      {"Sales slowed in [[December]].", -1},
      {"In [[January]], the company brought in a new chief.", -1},
      {"The company is to report in [[March]].", 1},
      {"It is expected to close in [[January]].", 1},
      {"It had been scheduled to expire [[Friday]].", -1},
      {"It would be paid on a still unspecified date in [[January]].", 1},  // adjectival -ed skipped
      {"The dividend will be paid [[Dec. 14]].", 1},                       // "be paid": passive
      {"He said it will close [[Friday]].", 1},                             // the nearer marker
      {"He said [[Friday]] it will close.", -1},                            // a tie goes to the one before
      {"Profit in [[March]] rose sharply.", -1},                            // an irregular past
      {"The plan for [[March]] is ambitious.", 0},
      {"The meeting was postponed until [[Tuesday]].", 1},
      {"Rescued on [[Nov. 25]] by fishermen, he became a symbol.", -1},   // the first word counts too
      {"The law that passed in [[March]] is in force.", -1},              // "that" + verb: finite
      {"They have told him they may [[soon]] seek an indictment.", 1},    // a lowercase modal "may"
      {"The treaty signed in May took effect [[Friday]].", -1},            // "May" the month is no modal
  };
  for (const auto& c : kCases) EXPECT_EQ(TenseAround(c.sentence), c.want) << c.sentence;
}

// --- end to end -----------------------------------------------------------------------------

const Mention* Find(const Annotations& ann, const std::string& text) {
  for (const Mention& m : ann.mentions) {
    if (m.text == text) return &m;
  }
  return nullptr;
}

TEST(DatesPipelineTest, RelativeValuesRecordTheReferenceDateSource) {
  Document doc;
  doc.id = "d";
  doc.text = "Sales rose last year and fell in 2015.";
  doc.meta.date = "2019-06-30";
  doc.meta.date_source = "sidecar";
  Annotations ann;
  ASSERT_TRUE(Defaults().pipeline->Process(doc, ann).ok());
  const Mention* rel = Find(ann, "last year");
  ASSERT_NE(rel, nullptr);
  EXPECT_EQ(rel->value, "2018");
  EXPECT_EQ(rel->attrs.value("ref_date_source", ""), "sidecar");
  const Mention* abs = Find(ann, "2015");
  ASSERT_NE(abs, nullptr);
  EXPECT_TRUE(abs->attrs.is_null() || !abs->attrs.contains("ref_date_source"));
}

// "the following year", "that year", "the previous month" count from the last year or month the
// text named (across sentences), else from the reference date.
TEST(DatesPipelineTest, AnaphoricUnitsCountFromTheLastNamedDate) {
  const struct {
    const char* text;
    const char* mention;
    const char* want;
  } kCases[] = {
      {"The plant opened in 2004. The following year it doubled output.", "The following year", "2005"},
      {"The plant opened in 2004. It doubled output that year.", "that year", "2004"},
      {"The plant opened in 2004, and in the previous year it was built.", "the previous year", "2003"},
      {"Talks began in March 2011. The following month they broke down.", "The following month", "2011-04"},
      {"Talks began in January. The following month they broke down.", "The following month", "2019-02"},
      {"The report will be out in December. The plan takes effect the following month.", "the following month",
       "2020-01"},  // the anchor month's year by its own clause's tense
      {"Output will double the following year.", "the following year", "2020"},
      {"Output grew 5% last year.", "last year", "2018"},  // deictic: from the reference date
  };
  for (const auto& c : kCases) {
    Document doc;
    doc.id = "d";
    doc.text = c.text;
    doc.meta.date = "2019-06-30";
    Annotations ann;
    ASSERT_TRUE(Defaults().pipeline->Process(doc, ann).ok());
    const Mention* m = Find(ann, c.mention);
    ASSERT_NE(m, nullptr) << c.text;
    EXPECT_EQ(m->value, c.want) << c.text;
  }
}

TEST(DatesPipelineTest, WithoutReferenceDateRelativeValuesStayUnresolved) {
  const struct {
    const char* text;
    const char* mention;
    const char* want;
  } kCases[] = {
      {"Sales rose last year.", "last year", "PAST_REF"},      {"It is due next month.", "next month", "FUTURE_REF"},
      {"He came on Tuesday.", "Tuesday", "XXXX-WXX-2"},        {"It opened in March.", "March", "XXXX-03"},
      {"It fell three years ago.", "three years ago", "PAST_REF"}, {"We met yesterday.", "yesterday", "PAST_REF"},
      {"This quarter we grew.", "This quarter", "PRESENT_REF"},
  };
  for (const auto& c : kCases) {
    Annotations ann = Annotate(c.text, "");
    const Mention* m = Find(ann, c.mention);
    ASSERT_NE(m, nullptr) << c.text;
    EXPECT_EQ(m->value, c.want) << c.text;
  }
}

TEST(DatesPipelineTest, YearRangeIsOneDateInterval) {
  // DESIGN.md §3: "2016-2020" is one DATE interval; its start year is no DATE of its own.
  Annotations ann = Annotate("a 300 billion U.S. dollar (USD) investment over 2016-2020. [3]");
  const Mention* range = Find(ann, "2016-2020");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->value, "2016/2020");
  EXPECT_FALSE(Find(ann, "2016"));
  EXPECT_FALSE(Find(ann, "2020"));
  int dates = 0;
  for (const Mention& m : ann.mentions) dates += m.type == "DATE";
  EXPECT_EQ(dates, 1);
}

TEST(DatesPipelineTest, NotDates) {
  for (const char* text : {"NIST AMS 600-17", "Pub. L. 115-97", "H.R. 1865", "Section 2015 applies", "$2,015",
                           "The firm hired 2015 employees.", "Industrie 4.0"}) {
    Annotations ann = Annotate(text);
    for (const Mention& m : ann.mentions) {
      EXPECT_TRUE(m.type != "DATE" && m.type != "DURATION" && m.type != "SET")
          << text << ": " << m.type << " '" << m.text << "' (" << m.rule << ")";
    }
  }
}

// --- the `also:` rule key (pipeline/rules) -------------------------------------------------

const char kAlsoRules[] = R"(
stage: spans
type: SPAN
rules:
  - id: spans.pair
    pattern: '(?P<mention>(?P<left>\w+)-(?P<right>\w+))'
    normalize: text
    also: [{group: left, type: PART}]
    examples:
      - text: 'a foo-bar here'
        expect: [{text: 'foo-bar', value: 'foo-bar'}, {text: 'foo', type: PART, value: 'foo'}]
  - id: spans.long
    pattern: 'bar-baz-qux'
    priority: 5
    normalize: text
)";

TEST(AlsoRuleKeyTest, CompanionFollowsItsParentThroughOverlap) {
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"spans.yaml", kAlsoRules, false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  auto pipeline = Pipeline::Build(Pipeline::DefaultStages(*book), *book);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
  auto run = [&](const std::string& text) {
    Document doc;
    doc.id = "t";
    doc.text = text;
    Annotations ann;
    EXPECT_TRUE(pipeline->Process(doc, ann).ok());
    return ann;
  };
  Annotations kept = run("a foo-bar here");
  ASSERT_NE(Find(kept, "foo-bar"), nullptr);
  const Mention* part = Find(kept, "foo");
  ASSERT_NE(part, nullptr);
  EXPECT_EQ(part->type, "PART");
  EXPECT_EQ(part->value, "foo");
  // "bar-baz" loses to the higher-priority "bar-baz-qux": its companion "bar" goes with it.
  Annotations lost = run("then bar-baz-qux now");
  EXPECT_NE(Find(lost, "bar-baz-qux"), nullptr);
  EXPECT_EQ(Find(lost, "bar"), nullptr);
}

TEST(AlsoRuleKeyTest, UnknownGroupIsAConfigurationError) {
  const char kBad[] = R"(
stage: spans
type: SPAN
rules:
  - id: spans.bad
    pattern: '(?P<left>\w+)-\w+'
    normalize: text
    also: [{group: nope}]
)";
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"bad.yaml", kBad, false}});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("'also' names group 'nope'"), std::string::npos) << book.status().message();
}

}  // namespace
}  // namespace policygraph::testing
