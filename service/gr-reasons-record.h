/* georepd: one node's record of its workers' reasons, as JSON, for the
 * other nodes (gr-reasons-shared.h). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* {"node-uuid": U, "written": T, "sessions": {LABEL: [{"brick": B,
 * "status": S, "reason": R, "time": T}, …], …}}: a builder for the
 * record of node @node_uuid, written at @now (Unix seconds). */
JsonBuilder *gr_reasons_record_begin (const char *node_uuid, gint64 now);
/* Adds the session @label with the workers of @workers (a Workers value,
 * aa{sv}) that run on @node_uuid and have a last-error. */
void gr_reasons_record_add_session (JsonBuilder *builder,
                                    const char *label,
                                    GVariant *workers,
                                    const char *node_uuid);
char *gr_reasons_record_end (JsonBuilder *builder);

/* Reads a record: adds its reasons to @by_label (label → GHashTable of
 * "NODE-UUID\nBRICK" → GVariant (st): reason, time), as
 * gr_session_object_set_remote_reasons takes them. Entries that could
 * not be a worker's are skipped. FALSE when @json is no record; @node_uuid
 * (may be NULL) gets the node's uuid. */
gboolean gr_reasons_record_parse (const char *json,
                                  gsize len,
                                  GHashTable *by_label,
                                  char **node_uuid);

/* A table for gr_reasons_record_parse. */
GHashTable *gr_reasons_record_table_new (void);

G_END_DECLS
