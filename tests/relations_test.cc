// Relation frames: the clause reader on placeholder sentences, frame validation when rules load, and
// frames end to end on policy-genre sentences (not the dev set): voices, lists, clause bounds and
// references across sentences.
#include <gtest/gtest.h>

#include "pipeline/rules/relation_frame.h"
#include "pipeline/rules/rule_book.h"
#include "stages/relations/clause.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

// ---- ClauseReader over hand-made placeholder sentences ----

// A placeholder sentence: "⟨TYPE⟩" marks become slots (in order).
struct Sentence {
  std::string text;
  std::vector<std::string> types;
  std::vector<ClauseSlot> slots;
  explicit Sentence(std::string t) : text(std::move(t)) {
    types.reserve(32);
    size_t pos = 0;
    while ((pos = text.find("\xE2\x9F\xA8", pos)) != std::string::npos) {
      size_t close = text.find("\xE2\x9F\xA9", pos);
      types.push_back(text.substr(pos + 3, close - pos - 3));
      slots.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(close + 3), &types.back()});
      pos = close + 3;
    }
  }
};

const ClauseWords& Words() {
  static const ClauseWords* w = new ClauseWords{
      {"which", "who"},
      {"that", "while", "because"},
      {"in", "through", "today", "last"},
      {"led", "based", "which", "a", "an"},
      {"and", "or"},
      {"the", "more", "than", "over", "its"}};
  return *w;
}

FrameSlot Slot(std::vector<std::string> types, SlotPlace at) { return FrameSlot{std::move(types), at}; }

// The slot indices found for `slot` around the first occurrence of `trigger`.
std::vector<int> FindAround(const std::string& text, const std::string& trigger, const FrameSlot& slot,
                            bool semicolons = false) {
  Sentence s(text);
  ClauseReader reader(s.text, s.slots, Words());
  const uint32_t ts = static_cast<uint32_t>(s.text.find(trigger));
  return reader.Find(slot, ts, ts + static_cast<uint32_t>(trigger.size()), semicolons);
}

const FrameSlot kOrgHead = Slot({"ORG", "PLAN"}, SlotPlace::kHead);
const FrameSlot kMoneyAfter = Slot({"MONEY"}, SlotPlace::kAfter);

TEST(ClauseReaderTest, HeadIsTheClauseSubjectPastAnIntroductoryPhrase) {
  // slots: 0 DATE, 1 PLAN (inside the intro), 2 ORG, 3 MONEY
  EXPECT_EQ(FindAround("In ⟨DATE⟩, through the ⟨PLAN⟩, ⟨ORG⟩ awarded ⟨MONEY⟩.", "awarded", kOrgHead),
            std::vector<int>{2});
  EXPECT_EQ(FindAround("In ⟨DATE⟩, through the ⟨PLAN⟩, ⟨ORG⟩ awarded ⟨MONEY⟩.", "awarded", kMoneyAfter),
            std::vector<int>{3});
}

TEST(ClauseReaderTest, RelativeClauseTakesItsAntecedent) {
  // "⟨PLAN⟩ funding, which allocates ⟨MONEY⟩": the plan, not the earlier organization.
  EXPECT_EQ(FindAround("⟨ORG⟩ praised ⟨PLAN⟩ funding, which allocates ⟨MONEY⟩.", "allocates", kOrgHead),
            std::vector<int>{1});
}

TEST(ClauseReaderTest, SubordinateClauseHasItsOwnSubject) {
  // "announced that ⟨ORG⟩ will provide": the second organization.
  EXPECT_EQ(FindAround("⟨ORG⟩ announced that ⟨ORG⟩ will provide ⟨MONEY⟩.", "provide", kOrgHead), std::vector<int>{1});
}

TEST(ClauseReaderTest, InterruptingPhraseIsNoSubject) {
  // The hub's leader is no subject of "aims": only the hub (not an ORG here) could be.
  EXPECT_TRUE(FindAround("⟨CENTER⟩, led by ⟨ORG⟩, aims to lead in ⟨SECTOR⟩.", "aims", Slot({"ORG"}, SlotPlace::kHead))
                  .empty());
  EXPECT_EQ(FindAround("⟨CENTER⟩, led by ⟨ORG⟩, aims to lead in ⟨SECTOR⟩.", "aims",
                       Slot({"CENTER", "ORG"}, SlotPlace::kHead)),
            std::vector<int>{0});
}

TEST(ClauseReaderTest, ClauseBoundaryStopsAnArgument) {
  // The semicolon ends the organization's clause: no subject for "committed".
  EXPECT_TRUE(FindAround("⟨ORG⟩ met on ⟨DATE⟩; investors committed ⟨MONEY⟩.", "committed", kOrgHead).empty());
  // An object after a subordinate opener belongs to that clause.
  EXPECT_TRUE(FindAround("⟨ORG⟩ announced that it expects ⟨MONEY⟩.", "announced", kMoneyAfter).empty());
}

TEST(ClauseReaderTest, ListsGiveOneArgumentPerMember) {
  const FrameSlot gpe = Slot({"GPE"}, SlotPlace::kAfter);
  EXPECT_EQ(FindAround("⟨ORG⟩ facilities in ⟨GPE⟩, ⟨GPE⟩, and ⟨GPE⟩ grew.", "in", gpe), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(FindAround("⟨ORG⟩ and ⟨ORG⟩ invested ⟨MONEY⟩.", "invested", kOrgHead), (std::vector<int>{0, 1}));
  // Not a list: a modifier, and words that are no coordinator.
  EXPECT_EQ(FindAround("⟨ORG⟩ facilities in ⟨GPE⟩ near ⟨GPE⟩.", "in", gpe), std::vector<int>{1});
}

TEST(ClauseReaderTest, RegionAfterATownIsNoMember) {
  Sentence s("⟨ORG⟩ plants in ⟨GPE⟩, ⟨GPE⟩, and ⟨GPE⟩, ⟨GPE⟩.");
  s.slots[2].region_of_previous = true;  // "Malta, NY"
  s.slots[4].region_of_previous = true;  // "Burlington, VT"
  ClauseReader reader(s.text, s.slots, Words());
  const uint32_t ts = static_cast<uint32_t>(s.text.find(" in ") + 1);
  EXPECT_EQ(reader.Find(Slot({"GPE"}, SlotPlace::kAfter), ts, ts + 2, false), (std::vector<int>{1, 3}));
}

TEST(ClauseReaderTest, SemicolonListsContinueTheObject) {
  const std::string text = "⟨PLAN⟩ invests ⟨MONEY⟩ to build roads; more than ⟨MONEY⟩ for water; and over ⟨MONEY⟩ for rail.";
  EXPECT_EQ(FindAround(text, "invests", kMoneyAfter, true), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(FindAround(text, "invests", kMoneyAfter, false), std::vector<int>{1});
}

TEST(ClauseReaderTest, PlacesNextBeforeAdjacentAndClause) {
  const FrameSlot next = Slot({"ORG"}, SlotPlace::kNext);
  EXPECT_EQ(FindAround("⟨CENTER⟩, led by the ⟨ORG⟩, grew.", "led by", next), std::vector<int>{1});
  EXPECT_TRUE(FindAround("⟨CENTER⟩, led by a group of many small firms with ⟨ORG⟩, grew.", "led by", next).empty());
  EXPECT_EQ(FindAround("⟨CENTER⟩, led by ⟨ORG⟩, grew.", "led by", Slot({"CENTER"}, SlotPlace::kBefore)),
            std::vector<int>{0});
  EXPECT_EQ(FindAround("⟨ORG⟩ announced a ⟨MONEY⟩ investment.", "investment", Slot({"MONEY"}, SlotPlace::kAdjacent)),
            std::vector<int>{1});
  EXPECT_EQ(FindAround("In ⟨DATE⟩, ⟨ORG⟩ awarded ⟨MONEY⟩.", "awarded", Slot({"DATE"}, SlotPlace::kClause)),
            std::vector<int>{0});
}

TEST(ClauseReaderTest, PossessorIsNoHeadWhenItsThingFollows) {
  EXPECT_EQ(FindAround("⟨ORG⟩'s ⟨PLAN⟩ provides ⟨MONEY⟩.", "provides", kOrgHead), std::vector<int>{1});
  EXPECT_EQ(FindAround("⟨ORG⟩ launched ⟨PLAN⟩'s ⟨PLAN⟩.", "launched", Slot({"PLAN"}, SlotPlace::kAfter)),
            std::vector<int>{2});
}

// ---- Validation when rules load ----

std::string RelationFileErrors(const std::string& rule) {
  const std::string content = "stage: relations\ntype: RELATION\nnormalize: relation\nrules:\n" + rule;
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"user/rel.yaml", content, false}});
  return book.ok() ? "" : book.status().message();
}

TEST(RelationValidationTest, BrokenRelationRulesAreRejectedWithFileAndLine) {
  struct Case {
    std::string name, rule, want;
  };
  const std::vector<Case> cases = {
      {"no subject group",
       "  - id: r.a\n    relation: INVESTS\n    pattern: '(?P<object>⟨MONEY⟩)'\n",
       "user/rel.yaml:5: rule r.a: a relation rule needs a group 'subject'"},
      {"no object group",
       "  - id: r.b\n    relation: INVESTS\n    pattern: '(?P<subject>⟨ORG⟩)'\n",
       "user/rel.yaml:5: rule r.b: a relation rule needs a group 'object'"},
      {"no relation label", "  - id: r.c\n    pattern: '(?P<subject>⟨ORG⟩) (?P<object>⟨ORG⟩)'\n",
       "user/rel.yaml:5: rule r.c: a relation rule needs 'relation'"},
      {"unknown slot type",
       "  - id: r.d\n    relation: INVESTS\n    pattern: 'invests'\n    params:\n"
       "      subject: {types: [COMPANY], at: head}\n      object: {types: [MONEY], at: after}\n",
       "user/rel.yaml:5: rule r.d: frame slot 'subject': unknown mention type 'COMPANY'"},
      {"unknown place",
       "  - id: r.e\n    relation: INVESTS\n    pattern: 'invests'\n    params:\n"
       "      subject: {types: [ORG], at: left}\n      object: {types: [MONEY], at: after}\n",
       "user/rel.yaml:5: rule r.e: frame slot 'subject': 'at' must be head, before, after, next, adjacent or clause"},
      {"frame without object",
       "  - id: r.f\n    relation: INVESTS\n    pattern: 'invests'\n    params:\n"
       "      subject: {types: [ORG], at: head}\n",
       "user/rel.yaml:5: rule r.f: frame needs an 'object' slot"},
  };
  for (const Case& c : cases) {
    const std::string errors = RelationFileErrors(c.rule);
    EXPECT_NE(errors.find(c.want), std::string::npos) << c.name << ": got\n" << errors;
  }
  // A user type declared by another rule file is a valid slot type.
  EXPECT_EQ(RelationFileErrors("  - id: r.g\n    relation: INVESTS\n    pattern: 'invests'\n    params:\n"
                               "      subject: {types: [ORG, PLAN], at: head}\n      object: {types: [MONEY], at: after}\n"),
            "");
}

// ---- End to end on policy-genre sentences ----

// "subject LABEL object" for each relation of `text` (reference ends as "phrase=VALUE").
std::vector<std::string> Facts(const std::string& text) {
  Annotations ann = testing::Annotate(text, "2024-05-01");
  std::vector<std::string> out;
  auto end = [](const Mention& m) {
    std::string s = m.text;
    if (m.rule == "relations.reference" || m.rule == "relations.demonym") {
      s += '=';
      s += m.value.is_string() ? m.value.get<std::string>() : m.value.dump();
    }
    return s;
  };
  for (const Relation& r : ann.relations) out.push_back(end(r.subject) + " " + r.label + " " + end(r.object));
  return out;
}

bool Has(const std::vector<std::string>& facts, const std::string& want) {
  return std::find(facts.begin(), facts.end(), want) != facts.end();
}

std::string Join(const std::vector<std::string>& facts) {
  std::string s;
  for (const std::string& f : facts) s += "\n  " + f;
  return s;
}

// A place's adjective is no mention, but a relation reads it as its place (demonyms.tsv).
TEST(RelationFramesTest, AdjectiveOfPlaceIsARelationsPlace) {
  auto f = Facts("The Japanese Ministry of Economy, Trade and Industry met.");
  EXPECT_TRUE(Has(f, "Ministry of Economy, Trade and Industry LOCATED_IN Japanese=Japan")) << Join(f);
  for (const Mention& m : testing::Annotate("The Japanese Ministry of Economy, Trade and Industry met.").mentions) {
    EXPECT_NE(m.type, "GPE") << m.text;
  }
  // Part of a people's name, it is none.
  f = Facts("Native American tribes and the Native American Agriculture Fund met.");
  for (const std::string& fact : f) EXPECT_EQ(fact.find("United States"), std::string::npos) << Join(f);
}

// The countries a text's entities are LOCATED_IN by their lexicon rows ("subject -> country").
std::vector<std::string> LexiconCountries(const std::string& text) {
  std::vector<std::string> out;
  for (const Relation& r : testing::Annotate(text, "2024-05-01").relations) {
    if (r.rule == "relations.lexicon_country") out.push_back(r.subject.text + " -> " + r.object.value.get<std::string>());
  }
  return out;
}

// A descriptive name other countries use too (lexicon column `generic`) is its row's country's
// only where the text is about that country; a proper name always is.
TEST(RelationFramesTest, GenericNameTakesItsCountryFromTheText) {
  EXPECT_TRUE(LexiconCountries("In Ohio, the United States created Manufacturing Innovation Centers of its own.").empty());
  EXPECT_EQ(LexiconCountries("India and Japan signed the accord; India's Ministry of Commerce and Industry will "
                             "lead. The Ministry of Commerce said so in New Delhi."),
            std::vector<std::string>{});
  EXPECT_EQ(LexiconCountries("China's State Council named the Ministry of Commerce to lead."),
            (std::vector<std::string>{"China's State Council -> China", "Ministry of Commerce -> China"}));
  EXPECT_EQ(LexiconCountries("Beijing and Shanghai opened 20 Manufacturing Innovation Centers by 2020."),
            std::vector<std::string>{"Manufacturing Innovation Centers -> China"});
  // A proper name keeps its country wherever it is.
  EXPECT_EQ(LexiconCountries("In Ohio, Honda builds cars for the United States."),
            std::vector<std::string>{"Honda -> Japan"});
}

TEST(RelationFramesTest, ActivePassiveAndNominalVoices) {
  auto f = Facts("In March 2024, the Department of Energy awarded $40 million to Stanford University.");
  EXPECT_TRUE(Has(f, "Department of Energy INVESTS $40 million")) << Join(f);
  EXPECT_TRUE(Has(f, "Stanford University INVESTS $40 million")) << Join(f);
  f = Facts("The Manufacturing Extension Partnership is administered by the National Institute of Standards and "
            "Technology.");
  EXPECT_TRUE(Has(f, "National Institute of Standards and Technology OVERSEES Manufacturing Extension Partnership"))
      << Join(f);
  f = Facts("The National Science Foundation announced a $25 million investment in quantum computing.");
  EXPECT_TRUE(Has(f, "National Science Foundation INVESTS $25 million")) << Join(f);
}

TEST(RelationFramesTest, CoordinatedFundersAreOneEdgeEachAndPartners) {
  auto f = Facts("The National Science Foundation and the Department of Energy committed $30 million to the effort.");
  EXPECT_TRUE(Has(f, "National Science Foundation INVESTS $30 million")) << Join(f);
  EXPECT_TRUE(Has(f, "Department of Energy INVESTS $30 million")) << Join(f);
  EXPECT_TRUE(Has(f, "National Science Foundation PARTNERS_WITH Department of Energy")) << Join(f);
}

TEST(RelationFramesTest, ReferencesResolveAcrossSentences) {
  auto f = Facts("The Department of Energy released its hydrogen strategy in June. The agency will provide "
                 "$8 billion for regional hubs.");
  EXPECT_TRUE(Has(f, "The agency=Department of Energy INVESTS $8 billion")) << Join(f);
}

TEST(RelationFramesTest, NoEdgeAcrossAClauseBoundary) {
  auto f = Facts("The Department of Energy met with industry on Monday; private investors committed $3 billion.");
  for (const std::string& fact : f) EXPECT_EQ(fact.find("INVESTS"), std::string::npos) << fact;
}

TEST(RelationFramesTest, AListOnBothSidesGivesNoEdges) {
  // Which company is in which state is unsaid.
  auto f = Facts("Companies like Toyota, Honda and General Motors have announced plants in Ohio, Michigan and Kansas.");
  for (const std::string& fact : f) EXPECT_EQ(fact.find("LOCATED_IN Ohio"), std::string::npos) << fact;
  // One side single: one edge per member.
  f = Facts("General Motors has announced plants in Ohio, Michigan and Kansas.");
  EXPECT_TRUE(Has(f, "General Motors LOCATED_IN Ohio")) << Join(f);
  EXPECT_TRUE(Has(f, "General Motors LOCATED_IN Kansas")) << Join(f);
}

TEST(RelationFramesTest, PassiveAndParticipleTriggersAreNoActiveFrames) {
  auto f = Facts("Funds for the Rural Energy for America Program, as authorized by the Department of Agriculture, "
                 "total $30 million.");
  for (const std::string& fact : f) EXPECT_EQ(fact.find("Department of Agriculture INVESTS"), std::string::npos) << fact;
}

// "the Beijing-based X Center": the place is outside the name, and the center is located there.
TEST(RelationFramesTest, PlaceBasedModifierIsNoPartOfTheName) {
  auto f = Facts("The Beijing-based National Power Battery Innovation Center opened in 2016.");
  EXPECT_TRUE(Has(f, "National Power Battery Innovation Center LOCATED_IN Beijing")) << Join(f);
}

}  // namespace
}  // namespace policygraph
