// Mention, Relation and Annotations: what the stages find in one document. Offsets are UTF-8 byte
// offsets into Document::text (the text as read); every item names the rule that produced it.
#ifndef POLICYGRAPH_PIPELINE_CORE_ANNOTATIONS_H_
#define POLICYGRAPH_PIPELINE_CORE_ANNOTATIONS_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/core/deadline_check.h"
#include "pipeline/core/document.h"

namespace policygraph {

using Json = nlohmann::ordered_json;

struct Mention {
  std::string type;      // DATE, MONEY, PLAN, ... (DESIGN.md §3) or a user-defined type
  Span span;             // into Document::text
  Span view_span;        // into Document::view.text() (where the rules matched)
  std::string text;      // surface text, Document::text[span]
  Json value;            // normalized value (null when none)
  std::string mod;       // optional qualifier (TIMEX3 mod or quantity qualifier)
  std::string unit;      // optional counted noun (COUNT)
  Json attrs;            // optional attributes (codes, matched alias, ...); null when none
  std::string rule;      // id of the rule that produced it
  std::string stage;     // stage that produced it
  int priority = 0;      // the rule's priority (used by overlap resolution)
  int32_t sentence = -1; // index into Document::sentences
  // Set on a mention a rule emits beside its main one (rule key `also:`): the view span of that
  // main mention. Such a companion is exempt from overlap with it and survives overlap
  // resolution exactly when it does.
  std::optional<Span> parent;
  // Set on a relation end that is not a mention of the text: the DOCUMENT, a country from a
  // lexicon code, a plan's period, a reference phrase ("the plan") standing for an earlier mention.
  // Such ends live only inside a Relation, never in Annotations::mentions.
  bool internal = false;
  int32_t page = 0;      // 1-based page of span.start in a paged document (a PDF); 0 otherwise
};

struct Relation {
  Mention subject;       // the subject's mention (its node in the graph), copied
  std::string label;     // TARGETS, INVESTS, ...
  Mention object;
  Json attrs;            // optional attributes (period, as_of, by); null when none
  Span span;             // evidence span in Document::text (the words that state the relation)
  std::string rule;
  int32_t sentence = -1;
  std::string trigger;   // the words a frame rule matched ("led by"); empty for pattern rules
  int32_t page = 0;      // 1-based page of span.start in a paged document (a PDF); 0 otherwise
};

// A mention that lost an overlap, kept for `rules explain`.
struct Rejected {
  Mention mention;
  std::string reason;
};

struct Annotations {
  std::vector<Mention> mentions;
  // A deque: relations are large (two mentions each) and their number unknown until the stage
  // ends; a vector of them held up to twice their size while growing, and three times as it moved.
  std::deque<Relation> relations;
  std::vector<Rejected> rejected;  // filled only when tracing is on
  bool trace = false;
  // Processing gives up with a ResourceExhausted status once this time has passed; the pipeline
  // checks it between stages, stages and the rule matcher inside their loops (DeadlineCheck). The
  // default never expires.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  bool Expired() const { return Passed(deadline); }
  // Whether `when` (time_point::max(): never) has passed.
  static bool Passed(std::chrono::steady_clock::time_point when) {
    return when != std::chrono::steady_clock::time_point::max() && std::chrono::steady_clock::now() >= when;
  }
};

inline DeadlineCheck::DeadlineCheck(const Annotations& ann) : expired_([&ann] { return ann.Expired(); }) {}

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_ANNOTATIONS_H_
