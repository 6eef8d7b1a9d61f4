#include "output/mentions_writer.h"

#include "output/mention_json.h"

namespace policygraph {

void MentionsWriter::Write(const Document& doc, const Annotations& ann) {
  std::ostream& out = file_.stream();
  for (const Mention& m : ann.mentions) out << MentionToJson(doc.id, m).dump() << '\n';
}

}  // namespace policygraph
