#include "graph/merge_input.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <utility>

#include "graph/node_link.h"

namespace policygraph {

Status ParseJsonChecked(std::string_view text, Json* out) {
  if (Status s = CheckJsonDepth(text); !s.ok()) return s;
  *out = Json::parse(text, nullptr, false);
  if (out->is_discarded()) return Status::InvalidArgument("not JSON");
  return Status::Ok();
}

namespace {

// The documents a graph's nodes come from.
std::set<std::string> DocumentsOf(const KnowledgeGraph& g) {
  std::set<std::string> docs;
  for (auto v : boost::make_iterator_range(boost::vertices(g.graph()))) {
    docs.insert(g.graph()[v].documents.begin(), g.graph()[v].documents.end());
  }
  return docs;
}

}  // namespace

Status MergeInput::CheckNewDocuments(const std::set<std::string>& docs) const {
  std::vector<std::string> seen;
  std::string from;
  for (const std::string& d : docs) {
    auto it = merged_docs_.find(d);
    if (it == merged_docs_.end()) continue;
    if (seen.empty()) from = it->second;
    seen.push_back(d);
  }
  if (seen.empty()) return Status::Ok();
  std::string list = "'" + seen[0] + "'";
  for (size_t i = 1; i < std::min<size_t>(seen.size(), 4); ++i) list += ", '" + seen[i] + "'";
  if (seen.size() > 4) list += " and " + std::to_string(seen.size() - 4) + " more";
  return Status::InvalidArgument((seen.size() == 1 ? "document " : "documents ") + list + " already merged (from " +
                                 from + "): a document's mentions would count twice, skipped");
}

// Adds one node-link object (a graph file, or the `fragment` of a record) to the graph, and a
// record's mentions to mentions.jsonl; refused when it brings a document already merged.
Status MergeInput::AddData(const Json& data, const std::string& where) {
  if (!data.is_object()) return Status::InvalidArgument("not a JSON object");
  const bool record = data.contains("fragment");
  StatusOr<KnowledgeGraph> g = FromNodeLink(record ? data["fragment"] : data);
  if (!g.ok()) return g.status();
  const std::set<std::string> docs = DocumentsOf(*g);
  if (Status s = CheckNewDocuments(docs); !s.ok()) return s;
  for (const std::string& d : docs) merged_docs_.emplace(d, where);
  graph_.Merge(std::move(*g));
  if (record && mentions_ != nullptr && data.contains("mentions") && data["mentions"].is_array()) {
    for (const Json& m : data["mentions"]) *mentions_ << m.dump() << '\n';
  }
  ++records_;
  return Status::Ok();
}

void MergeInput::Fail(const std::string& where, const Status& s) {
  failures_.push_back({where, s.message()});
  ++failure_count_;
}

void MergeInput::LoseInput(const std::string& name, const Status& why) {
  ++lost_inputs_;
  Fail(name, why);
}

void MergeInput::AddStream(std::istream& in, const std::string& name) {
  std::string line;
  size_t n = 0;
  bool first = true;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json rec;
    Status parsed = ParseJsonChecked(line, &rec);
    if (first && !parsed.ok()) {  // not JSON Lines: one JSON text, or nothing usable
      std::ostringstream rest;
      rest << line << '\n' << in.rdbuf();
      Json whole;
      Status s = ParseJsonChecked(rest.str(), &whole);
      if (s.ok()) s = AddData(whole, name);
      if (!s.ok()) {
        LoseInput(name, Status::InvalidArgument(s.message() == "not JSON" ? "neither JSON nor JSON Lines" : s.message()));
      }
      return;
    }
    first = false;
    const std::string where = name + ":" + std::to_string(n);
    if (parsed.ok()) parsed = AddData(rec, where);
    if (!parsed.ok()) Fail(where, parsed);
  }
  if (in.bad()) LoseInput(name, Status::IoError("read error"));
}

}  // namespace policygraph
