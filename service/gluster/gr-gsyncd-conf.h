/* georepd: which options a session's gsyncd.conf sets. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The keys of the [vars] group of a session's gsyncd.conf (the file that
 * `gluster volume geo-replication P H::S config KEY VALUE` writes and
 * `config !KEY` removes from), spelled with '-', as a set (key → key).
 * A missing file or group gives an empty set; an unreadable file fails. */
GHashTable *gr_gsyncd_conf_read_set_keys (const char *path, GError **error);

/* Whether @key (spelled with '-') was set by an admin rather than written
 * by gluster itself: read-only keys and stime-xattr-prefix (gsyncd's
 * monitor stores it at the first start) are gluster's own. */
gboolean gr_gsyncd_conf_key_is_admin_set (const char *key);

G_END_DECLS
