#pragma once

#include <QString>

#include "engine/config/validationissue.h"

namespace kmsync::ui {

// The one place where the engine's validation findings (engine/config/taskvalidator.h) become the text the task
// editor shows next to a field: each IssueCode has a sentence here, through tr() (context
// "kmsync::ui::IssueText"), filled with the finding's arguments. The English `message` of a finding is what the CLI
// prints; it is not shown in the editor.
QString issueText(const engine::config::ValidationIssue &issue);

} // namespace kmsync::ui
