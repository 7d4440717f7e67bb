/* georepd: what both readers of `geo-replication status` share: who a
 * session's secondary is, and merging a session listed twice. */
#include <string.h>

#include "gr-validate.h"
#include "gr-xml-geo-session.h"
#include "gr-xml-values.h"

#define UUID_LEN 36

static gboolean
is_uuid_at (const char *text)
{
  g_autofree char *uuid = g_strndup (text, UUID_LEN);

  return strlen (uuid) == UUID_LEN && g_uuid_string_is_valid (uuid);
}

/* Leaves "[user@]host::vol" of "<uuid>:ssh://[user@]host::vol:<uuid>".
 * The trailing uuid goes only after a single ':', so that a volume name
 * that looks like a uuid in "host::<name>" stays. */
static char *
strip_frame (const char *text)
{
  const char *scheme = strstr (text, "ssh://");
  char *rest, *colon;

  if (scheme != NULL)
    text = scheme + strlen ("ssh://");
  else if (is_uuid_at (text) && text[UUID_LEN] == ':')
    text += UUID_LEN + 1;
  rest = g_strdup (text);
  colon = strrchr (rest, ':');
  if (colon != NULL && colon > rest && colon[-1] != ':' &&
      g_uuid_string_is_valid (colon + 1))
    *colon = '\0';
  return rest;
}

gboolean
gr_xml_split_secondary (const char *text,
                        char **user,
                        char **host,
                        char **volume)
{
  g_autofree char *rest = strip_frame (text);
  /* Volume names have no ':', so the last "::" ends even an IPv6 host. */
  char *separator = g_strrstr (rest, "::");
  char *at = strchr (rest, '@');
  g_autofree char *host_part = NULL;

  if (separator == NULL || (at != NULL && at > separator))
    return FALSE;
  *separator = '\0';
  host_part = gr_xml_host (at ? at + 1 : rest);
  if (at != NULL)
    *at = '\0';
  /* They make the session's directory and pid file paths: "..", "/". */
  if (host_part == NULL || !gr_validate_volume (separator + 2, NULL) ||
      (at != NULL && !gr_validate_user (rest, NULL)))
    return FALSE;
  *user = at ? g_strdup (rest) : NULL;
  *host = g_steal_pointer (&host_part);
  *volume = g_strdup (separator + 2);
  return TRUE;
}

gboolean
gr_xml_session_identify (GrSessionStatus *status,
                         const char *id,
                         const char *url,
                         const char *pair_user)
{
  g_autofree char *user = NULL, *host = NULL, *volume = NULL;

  if (!(id && gr_xml_split_secondary (id, &user, &host, &volume)) &&
      !(url && gr_xml_split_secondary (url, &user, &host, &volume)))
    return FALSE;
  if (user == NULL && pair_user != NULL && *pair_user != '\0')
    {
      if (!gr_validate_user (pair_user, NULL))
        return FALSE;
      user = g_strdup (pair_user);
    }
  status->secondary_user = user ? g_steal_pointer (&user) : g_strdup ("root");
  status->secondary_host = g_steal_pointer (&host);
  status->secondary_volume = g_steal_pointer (&volume);
  return TRUE;
}

void
gr_session_list_init (GrSessionList *list)
{
  list->sessions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_session_status_free);
  list->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static char *
session_key (const GrSessionStatus *status)
{
  return g_strjoin ("\n", status->primary_volume, status->secondary_host,
                    status->secondary_volume, NULL);
}

void
gr_session_list_add (GrSessionList *list, GrSessionStatus *status)
{
  g_autofree char *key = session_key (status);
  GrSessionStatus *known = g_hash_table_lookup (list->by_key, key);

  if (known == NULL)
    {
      g_hash_table_insert (list->by_key, g_steal_pointer (&key), status);
      g_ptr_array_add (list->sessions, status);
      return;
    }
  g_ptr_array_extend_and_steal (known->workers,
                                g_steal_pointer (&status->workers));
  gr_session_status_free (status);
}

GPtrArray *
gr_session_list_steal (GrSessionList *list)
{
  GPtrArray *sessions = g_steal_pointer (&list->sessions);

  gr_session_list_clear (list);
  return sessions;
}

void
gr_session_list_clear (GrSessionList *list)
{
  g_clear_pointer (&list->sessions, g_ptr_array_unref);
  g_clear_pointer (&list->by_key, g_hash_table_unref);
}
