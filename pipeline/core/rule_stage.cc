#include "pipeline/core/rule_stage.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "pipeline/core/free_memory.h"
#include "pipeline/rules/overlap.h"

namespace policygraph {

RuleStage::RuleStage(const RuleBook& book, std::vector<std::string> stage_names) : stage_names_(std::move(stage_names)) {
  std::vector<const CompiledRule*> rules;
  std::set<std::string> types;
  for (const CompiledRule& r : book.rules()) {
    if (std::find(stage_names_.begin(), stage_names_.end(), r.rule.stage) != stage_names_.end()) {
      rules.push_back(&r);
      types.insert(r.rule.type);
    }
  }
  for (const std::string& s : stage_names_) name_ += (name_.empty() ? "" : "+") + s;
  for (const std::string& s : stage_names_) provides_.push_back("stage:" + s);
  for (const std::string& t : types) provides_.push_back("mentions:" + t);
  matcher_ = std::make_unique<RuleMatcher>(std::move(rules), book.lexicons());
}

Status RuleStage::Process(Document& doc, Annotations& out) const {
  // Overlaps never cross a sentence, so each chunk of sentences is resolved as soon as it is
  // matched (in parallel): only the kept candidates are ever gathered into one vector. Traced, the
  // candidates are resolved all at once, for the losers' order.
  std::vector<Mention> candidates;
  auto expired = [&out] { return out.Expired(); };
  auto resolve = [&](std::vector<Mention>& found) {
    DeadlineCheck late(expired);
    return ResolveWithinStages(found, stage_names_, nullptr, late);
  };
  if (!matcher_->MatchDocument(doc, candidates, expired, out.trace ? RuleMatcher::ChunkFilter() : resolve)) {
    return Status::ResourceExhausted("time limit reached in stage '" + name_ + "'");
  }
  DeadlineCheck late(out);
  if (out.trace && !ResolveWithinStages(candidates, stage_names_, &out.rejected, late)) {
    return Status::ResourceExhausted("time limit reached in stage '" + name_ + "' (overlaps)");
  }
  Append(std::move(candidates), out);
  ReturnFreeMemory(doc.text.size());  // the rejected candidates, the matcher's chunks
  return Status::Ok();
}

bool RuleStage::ProcessBatch(std::span<Document* const> docs, std::span<Annotations* const> outs) const {
  if (std::any_of(outs.begin(), outs.end(), [](const Annotations* o) { return o->trace; })) return false;
  auto deadline = std::chrono::steady_clock::time_point::max();
  for (const Annotations* o : outs) deadline = std::min(deadline, o->deadline);
  auto expired = [deadline] { return Annotations::Passed(deadline); };
  std::vector<std::vector<Mention>> candidates(docs.size());
  std::vector<const Document*> matched(docs.begin(), docs.end());
  if (!matcher_->MatchDocuments(matched, candidates, expired)) return false;
  DeadlineCheck late(expired);
  for (std::vector<Mention>& found : candidates) {
    if (!ResolveWithinStages(found, stage_names_, nullptr, late)) return false;
  }
  size_t bytes = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    Append(std::move(candidates[i]), *outs[i]);
    bytes += docs[i]->text.size();
  }
  ReturnFreeMemory(bytes);
  return true;
}

void RuleStage::Append(std::vector<Mention> found, Annotations& out) {
  if (out.mentions.empty()) {
    out.mentions = std::move(found);
  } else {
    out.mentions.insert(out.mentions.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
  }
}

}  // namespace policygraph
