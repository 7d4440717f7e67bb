/* georepctl: what --json prints, written with json-glib. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *ctl_json_from_variant (GVariant *value);
JsonNode *ctl_json_options (GVariant *options);
char *ctl_json_to_text (JsonNode *node, gboolean pretty);

G_END_DECLS
