#include "graph/merge_input.h"

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

// Adds one node-link object (a graph file, or the `fragment` of a record) to the graph, and a
// record's mentions to mentions.jsonl.
Status MergeInput::AddData(const Json& data) {
  if (!data.is_object()) return Status::InvalidArgument("not a JSON object");
  const bool record = data.contains("fragment");
  StatusOr<KnowledgeGraph> g = FromNodeLink(record ? data["fragment"] : data);
  if (!g.ok()) return g.status();
  graph_.Merge(*g);
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
      if (s.ok()) s = AddData(whole);
      if (!s.ok()) {
        LoseInput(name, Status::InvalidArgument(s.message() == "not JSON" ? "neither JSON nor JSON Lines" : s.message()));
      }
      return;
    }
    first = false;
    if (parsed.ok()) parsed = AddData(rec);
    if (!parsed.ok()) Fail(name + ":" + std::to_string(n), parsed);
  }
  if (in.bad()) LoseInput(name, Status::IoError("read error"));
}

}  // namespace policygraph
