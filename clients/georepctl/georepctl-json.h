/* georepctl: JSON text, written as json-glib 1.6 wrote it for georepctl
 * (json_gvariant_serialize () and JsonGenerator), without loading
 * json-glib at every start. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct CtlJson CtlJson;

CtlJson *ctl_json_new (gboolean pretty);
void ctl_json_free (CtlJson *json);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtlJson, ctl_json_free)

void ctl_json_begin_object (CtlJson *json);
void ctl_json_end_object (CtlJson *json);
void ctl_json_begin_array (CtlJson *json);
void ctl_json_end_array (CtlJson *json);
void ctl_json_set_member (CtlJson *json, const char *name);
void ctl_json_add_string (CtlJson *json, const char *value);
void ctl_json_add_null (CtlJson *json);
void ctl_json_add_variant (CtlJson *json, GVariant *value);
const char *ctl_json_get_text (CtlJson *json);

G_END_DECLS
