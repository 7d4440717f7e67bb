/* georepd: a session's effective config (every gsyncd option, a{ss}),
 * small enough to keep for a thousand sessions.
 *
 * Most options of every session are gluster's defaults, the same text in
 * each: a refresh builds the configs it read from one pool of entries,
 * so that sessions share them. The a{ss} is then a GVariant tree whose
 * children are the shared entries, about 600 bytes a session instead of
 * a flat copy of 3 KB (docs/performance.md). Flattening it (what
 * g_variant_lookup and g_variant_get_data do) would make it a private
 * copy again: read it with gr_effective_config_lookup. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pool of one refresh ("KEY=VALUE" → its {ss} entry). */
GHashTable *gr_effective_config_pool_new (void);

/* @config (key → value, as parsed) as an a{ss} sorted by key, its entries
 * taken from @pool or added to it. Not floating. */
GVariant *gr_effective_config_new (GHashTable *config, GHashTable *pool);

/* The value of @key in @config (an a{ss} sorted by key, as above), or
 * NULL; valid as long as @config. Leaves @config as it is. */
const char *gr_effective_config_lookup (GVariant *config, const char *key);

G_END_DECLS
