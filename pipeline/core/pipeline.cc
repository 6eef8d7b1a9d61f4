#include "pipeline/core/pipeline.h"

#include <time.h>

#include <algorithm>
#include <set>

#include "pipeline/core/rule_stage.h"
#include "pipeline/rules/overlap.h"
#include "pipeline/core/stage_registry.h"

namespace policygraph {
namespace {

bool HasRuleStage(const RuleBook& book, std::string_view name) {
  return std::find(book.stages().begin(), book.stages().end(), name) != book.stages().end();
}

std::string ValidNames(const RuleBook& book) {
  std::string out;
  for (const StageInfo& s : CodeStages()) out += (out.empty() ? "" : ", ") + std::string(s.name);
  for (const std::string& s : book.stages()) out += ", " + s;
  return out;
}

// A rule whose file names a code stage that runs no rules (acronyms, resolve…) would never run.
Status CheckRuleStages(const RuleBook& book) {
  for (const CompiledRule& cr : book.rules()) {
    const StageInfo* code = FindCodeStage(cr.rule.stage);
    if (code == nullptr || code->runs_rules) continue;
    std::string rule_stages;
    for (const std::string& s : book.stages()) {
      if (FindCodeStage(s) == nullptr) rule_stages += (rule_stages.empty() ? "" : ", ") + s;
    }
    return Status::InvalidArgument(cr.rule.where.ToString() + ": rule " + cr.rule.id + ": stage '" + cr.rule.stage +
                                   "' is a code stage, which runs no rules: name a rule stage (" + rule_stages +
                                   ") or a new one");
  }
  return Status::Ok();
}

// Sets the page of every mention and relation (and of the relation's ends) of a paged document.
void AssignPages(const Document& doc, Annotations& out) {
  if (doc.page_starts.empty()) return;
  for (Mention& m : out.mentions) m.page = doc.PageAt(m.span.start);
  for (Relation& r : out.relations) {
    r.page = doc.PageAt(r.span.start);
    if (!r.subject.internal) r.subject.page = doc.PageAt(r.subject.span.start);
    if (!r.object.internal) r.object.page = doc.PageAt(r.object.span.start);
  }
}

}  // namespace

std::vector<std::string> Pipeline::DefaultStages(const RuleBook& book) {
  std::vector<std::string> out;
  const auto& order = DefaultStageOrder();
  for (std::string_view name : order) {
    if (name == "*") {
      for (const std::string& s : book.stages()) {
        if (std::find(order.begin(), order.end(), s) == order.end()) out.push_back(s);
      }
    } else if (FindCodeStage(name) != nullptr || HasRuleStage(book, name)) {
      out.emplace_back(name);
    }
  }
  return out;
}

StatusOr<Pipeline> Pipeline::Build(const std::vector<std::string>& names, const RuleBook& book) {
  if (Status s = CheckRuleStages(book); !s.ok()) return s;
  Pipeline p;
  std::set<std::string> provided;
  std::vector<std::string> pending_rules;  // consecutive rule stages, fused when the run ends
  auto flush_rules = [&]() {
    if (pending_rules.empty()) return;
    auto stage = std::make_unique<RuleStage>(book, pending_rules);
    for (const std::string& cap : stage->Provides()) provided.insert(cap);
    p.stages_.push_back(std::move(stage));
    pending_rules.clear();
  };
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!seen.insert(name).second) return Status::InvalidArgument("stage '" + name + "' is listed twice");
    const StageInfo* info = FindCodeStage(name);
    if (info == nullptr && !HasRuleStage(book, name)) {
      return Status::InvalidArgument("unknown stage '" + name + "' (valid: " + ValidNames(book) + ")");
    }
    if (info == nullptr) {
      for (const char* need : {"view", "sentences"}) {
        if (!provided.count(need)) {
          return Status::InvalidArgument("stage '" + name + "' needs '" + need +
                                         "', which no earlier stage provides (put normalize and sentences first)");
        }
      }
      pending_rules.push_back(name);
      continue;
    }
    flush_rules();
    auto stage = info->make(StageContext{book, names});
    for (const std::string& need : stage->Needs()) {
      bool met = provided.count(need) > 0;
      if (!met && need.ends_with(":*")) {  // "mentions:*": any stage that provides mentions
        std::string prefix = need.substr(0, need.size() - 1);
        met = std::any_of(provided.begin(), provided.end(), [&](const std::string& c) { return c.starts_with(prefix); });
      }
      if (!met) {
        return Status::InvalidArgument("stage '" + name + "' needs '" + need + "', which no earlier stage provides");
      }
    }
    for (const std::string& cap : stage->Provides()) provided.insert(cap);
    p.stages_.push_back(std::move(stage));
  }
  flush_rules();
  return p;
}

// The calling thread's CPU time (not wall time: a descheduled thread costs nothing).
static int64_t ThreadCpuNanos() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return int64_t{t.tv_sec} * 1000000000 + t.tv_nsec;
}

namespace {

// What a stage's run over a document comes to: `s`, or the time limit reached after it.
Status AfterStage(Status s, const Stage& stage, const Annotations& out) {
  if (s.ok() && out.Expired()) return Status::ResourceExhausted("time limit reached after stage '" + stage.Name() + "'");
  return s;
}

// The deadline `deadline` set at `start` gave, restarted now.
std::chrono::steady_clock::time_point Restart(std::chrono::steady_clock::time_point deadline,
                                               std::chrono::steady_clock::time_point start) {
  if (deadline == std::chrono::steady_clock::time_point::max()) return deadline;
  return std::chrono::steady_clock::now() + (deadline - start);
}

}  // namespace

Status Pipeline::Process(Document& doc, Annotations& out, StageTimes* times) const {
  for (size_t i = 0; i < stages_.size(); ++i) {
    const auto& stage = stages_[i];
    const int64_t start = times != nullptr ? ThreadCpuNanos() : 0;
    Status s = AfterStage(stage->Process(doc, out), *stage, out);
    if (times != nullptr) times->nanos[i].fetch_add(ThreadCpuNanos() - start, std::memory_order_relaxed);
    if (!s.ok()) return s;
  }
  SortMentions(out.mentions);
  AssignPages(doc, out);
  return Status::Ok();
}

void Pipeline::ProcessBatch(std::span<Document* const> docs, std::span<Annotations* const> outs,
                            std::span<Status> statuses, StageTimes* times) const {
  const auto batch_start = std::chrono::steady_clock::now();
  std::vector<size_t> live(docs.size());  // the documents no stage has failed yet
  for (size_t k = 0; k < docs.size(); ++k) live[k] = k;
  std::fill(statuses.begin(), statuses.end(), Status::Ok());
  for (size_t i = 0; i < stages_.size() && !live.empty(); ++i) {
    const Stage& stage = *stages_[i];
    const int64_t start = times != nullptr ? ThreadCpuNanos() : 0;
    bool done = false;
    if (stage.Batches() && live.size() > 1) {
      std::vector<Document*> d;
      std::vector<Annotations*> o;
      for (size_t k : live) {
        d.push_back(docs[k]);
        o.push_back(outs[k]);
      }
      done = stage.ProcessBatch(d, o);
      // The batch's time is no document's own: each one's limit restarts from here.
      for (size_t k : live) outs[k]->deadline = Restart(outs[k]->deadline, batch_start);
    }
    for (size_t k : live) {
      statuses[k] = AfterStage(done ? Status::Ok() : stage.Process(*docs[k], *outs[k]), stage, *outs[k]);
    }
    if (times != nullptr) times->nanos[i].fetch_add(ThreadCpuNanos() - start, std::memory_order_relaxed);
    std::erase_if(live, [&](size_t k) { return !statuses[k].ok(); });
  }
  for (size_t k : live) {
    SortMentions(outs[k]->mentions);
    AssignPages(*docs[k], *outs[k]);
  }
}

}  // namespace policygraph
