/* georepd: what both readers of `gluster --xml volume geo-replication
 * status` share: who a session's secondary is, and one entry per
 * session however many times gluster lists it. */
#pragma once

#include <glib.h>

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* Splits a secondary URL as gluster prints it: "[ssh://][user@]host::vol",
 * optionally framed as session_secondary "<uuid>:ssh://...::vol:<uuid>".
 * The host may be an IPv6 literal; *user is NULL when none is named.
 * FALSE when a part is not what a caller could name (gr-validate.h). */
gboolean gr_xml_split_secondary (const char *text,
                                 char **user,
                                 char **host,
                                 char **volume);

/* Sets the secondary of @status from the session's session_secondary
 * @id, else from the first pair's "secondary" @url; the user from either,
 * else the first pair's secondary_user @pair_user, else "root". Each may
 * be NULL. FALSE, with @status unchanged, when neither names a usable
 * secondary or @pair_user is needed and is no usable user name. */
gboolean gr_xml_session_identify (GrSessionStatus *status,
                                  const char *id,
                                  const char *url,
                                  const char *pair_user);

/* Sessions in the order gluster lists them. A session is one primary
 * volume, secondary host and secondary volume: listed under more than
 * one <session>, its workers are merged into the first. */
typedef struct {
  GPtrArray *sessions; /* GrSessionStatus * */
  GHashTable *by_key;
} GrSessionList;

void gr_session_list_init (GrSessionList *list);
/* Takes @status, identified and with its primary volume set. */
void gr_session_list_add (GrSessionList *list, GrSessionStatus *status);
/* The sessions (free func set); @list is cleared. */
GPtrArray *gr_session_list_steal (GrSessionList *list);
void gr_session_list_clear (GrSessionList *list);

G_END_DECLS
