/* georepd: which changes a brick's changelog recorded that gsyncd has not
 * synced yet.
 *
 * gsyncd's status says nothing is pending when its live changelog
 * processing stalls (the worker stays Active in Changelog Crawl, syncing
 * nothing): only the brick's own record of its changes tells. The
 * changelog translator lists every changelog it rolls over in
 * .glusterfs/changelogs/htime/HTIME.<ts>, NUL-separated paths, oldest
 * first: CHANGELOG.<ts> for one that recorded changes, changelog.<ts>
 * for an empty one. gsyncd's last_synced after it synced CHANGELOG.<ts>
 * is ts − 1. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much of the index's end is read: some 600 entries, hours of
 * changelogs. */
#define GR_CHANGELOG_INDEX_TAIL 65536

/* The time of the oldest changelog with changes after @last_synced among
 * the entries in @tail (@len bytes of an index; @cut: they start after
 * its beginning, and the first entry, maybe cut off, is skipped); 0 when
 * there is none, or @last_synced is 0. */
guint64 gr_changelog_index_parse_oldest_unsynced (const char *tail,
                                                  gsize len,
                                                  gboolean cut,
                                                  guint64 last_synced);

/* The same from the newest index of @brick (a path on this node), read
 * from GR_CHANGELOG_INDEX_TAIL bytes before its end; 0 when it cannot be
 * read (no changelog, another changelog-dir than gluster's default). */
guint64 gr_changelog_index_oldest_unsynced (const char *brick,
                                            guint64 last_synced);

G_END_DECLS
