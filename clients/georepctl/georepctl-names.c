/* georepctl: finding sessions and destinations the way people name them.
 * Sessions use gluster's own grammar, PRIMARY [USER@]HOST::SECONDARY;
 * they are matched on their properties rather than by computing object
 * paths, so the labels stay the service's business. */
#include <string.h>

#include "georepctl.h"
#include "gr-error.h"
#include "gr-names.h"

static gboolean
is_root (const char *user)
{
  return user == NULL || *user == '\0' || g_str_equal (user, "root");
}

char *
ctl_secondary_name (const char *user, const char *host, const char *volume)
{
  if (is_root (user))
    return g_strdup_printf ("%s::%s", host, volume);
  return g_strdup_printf ("%s@%s::%s", user, host, volume);
}

char *
ctl_session_secondary (CtlObject *session)
{
  return ctl_secondary_name (ctl_prop_string (session, "SecondaryUser"),
                             ctl_prop_string (session, "SecondaryHost"),
                             ctl_prop_string (session, "SecondaryVolume"));
}

char *
ctl_destination_name (CtlObject *destination)
{
  const char *user = ctl_prop_string (destination, "User");
  const char *host = ctl_prop_string (destination, "Host");
  guint64 port = ctl_prop_uint64 (destination, "Port");
  g_autofree char *at =
      is_root (user) ? g_strdup ("") : g_strdup_printf ("%s@", user);

  if (port == 0 || port == 22)
    return g_strdup_printf ("%s%s", at, host);
  return g_strdup_printf ("%s%s:%u", at, host, (guint) port);
}

/* The volume follows the last "::", so IPv6 literals keep theirs. */
gboolean
ctl_parse_secondary (const char *text,
                     char **user,
                     char **host,
                     char **volume,
                     GError **error)
{
  const char *sep = g_strrstr (text, "::");
  g_autofree char *left = NULL;
  char *at;

  if (sep == NULL || sep == text || sep[2] == '\0')
    {
      g_set_error (error, CTL_ERROR, CTL_ERROR_USAGE, _ ("'%s' is not %s"),
                   text, "[USER@]HOST::SECONDARY");
      return FALSE;
    }
  left = g_strndup (text, sep - text);
  at = strchr (left, '@');
  *user = at ? g_strndup (left, at - left) : NULL;
  *host = g_strdup (at ? at + 1 : left);
  *volume = g_strdup (sep + 2);
  if (**host == '\0' || (*user != NULL && **user == '\0'))
    {
      g_clear_pointer (user, g_free);
      g_clear_pointer (host, g_free);
      g_clear_pointer (volume, g_free);
      g_set_error (error, CTL_ERROR, CTL_ERROR_USAGE, _ ("'%s' is not %s"),
                   text, "[USER@]HOST::SECONDARY");
      return FALSE;
    }
  return TRUE;
}

const char *const ctl_session_identity[] = { "PrimaryVolume", "SecondaryHost",
                                             "SecondaryVolume", "SecondaryUser",
                                             NULL };

typedef struct {
  const char *primary;
  char *user; /* NULL: any */
  char *host; /* NULL: any secondary */
  char *volume;
} SessionQuery;

static gboolean
session_matches (CtlObject *session, const SessionQuery *query)
{
  if (!g_str_equal (ctl_prop_string (session, "PrimaryVolume"), query->primary))
    return FALSE;
  if (query->host == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (ctl_prop_string (session, "SecondaryHost"),
                          query->host) != 0 ||
      !g_str_equal (ctl_prop_string (session, "SecondaryVolume"),
                    query->volume))
    return FALSE;
  if (query->user == NULL)
    return TRUE;
  return is_root (query->user)
             ? is_root (ctl_prop_string (session, "SecondaryUser"))
             : g_str_equal (ctl_prop_string (session, "SecondaryUser"),
                            query->user);
}

static char *
describe_candidates (GPtrArray *matches)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < matches->len; i++)
    {
      g_autofree char *secondary =
          ctl_session_secondary (g_ptr_array_index (matches, i));

      g_string_append_printf (text, "%s%s", i ? ", " : "", secondary);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static CtlObject *
pick_session (GPtrArray *matches,
              const char *primary,
              const char *secondary,
              GError **error)
{
  g_autofree char *candidates = NULL;

  if (matches->len == 1)
    return g_ptr_array_steal_index (matches, 0);
  if (matches->len == 0)
    {
      if (secondary != NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND,
                     _ ("No session %s %s"), primary, secondary);
      else
        g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _ ("No session %s"),
                     primary);
      return NULL;
    }
  candidates = describe_candidates (matches);
  g_set_error (error, CTL_ERROR, CTL_ERROR_USAGE,
               ngettext ("%s has %u session, name one of: %s",
                         "%s has %u sessions, name one of: %s", matches->len),
               primary, matches->len, candidates);
  return NULL;
}

/* Every property of @session, which was listed with its identity only;
 * NULL (and @session freed) when it vanished meanwhile. */
static CtlObject *
with_all_properties (CtlContext *ctx, CtlObject *session, GError **error)
{
  GVariant *props =
      ctl_get_all (ctx, session->path, GR_DBUS_INTERFACE_SESSION, error);

  if (props == NULL)
    {
      ctl_object_free (session);
      return NULL;
    }
  g_clear_pointer (&session->index, g_hash_table_unref);
  g_variant_unref (session->props);
  session->props = props;
  return session;
}

/* @secondary may be NULL when @primary has exactly one session. The
 * sessions are listed by their identity: with a thousand of them, their
 * Workers would cost more than the rest of the command. */
CtlObject *
ctl_find_session (CtlContext *ctx,
                  const char *primary,
                  const char *secondary,
                  GError **error)
{
  SessionQuery query = { .primary = primary };
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GPtrArray) matches =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ctl_object_free);
  CtlObject *found = NULL;

  if (secondary == NULL ||
      ctl_parse_secondary (secondary, &query.user, &query.host, &query.volume,
                           error))
    sessions = ctl_list_sessions (ctx, ctl_session_identity, error);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    if (session_matches (g_ptr_array_index (sessions, i), &query))
      g_ptr_array_add (matches, g_ptr_array_steal_index (sessions, i--));
  if (sessions != NULL)
    found = pick_session (matches, primary, secondary, error);
  if (found != NULL)
    found = with_all_properties (ctx, found, error);
  g_free (query.user);
  g_free (query.host);
  g_free (query.volume);
  return found;
}

/* How many of argv[1…] name a session: PRIMARY alone, or followed by
 * what looks like [USER@]HOST::SECONDARY; 0 when PRIMARY is missing. */
int
ctl_session_arg_count (int argc, char **argv)
{
  if (argc < 2)
    return 0;
  if (argc > 2 && strstr (argv[2], "::") != NULL)
    return 2;
  return 1;
}

static gboolean
destination_matches (CtlObject *destination, const char *host, const char *user)
{
  const char *dest_user = ctl_prop_string (destination, "User");

  if (g_ascii_strcasecmp (ctl_prop_string (destination, "Host"), host) != 0)
    return FALSE;
  if (user == NULL)
    return TRUE;
  return is_root (user) ? is_root (dest_user) : g_str_equal (dest_user, user);
}

static CtlObject *
pick_destination (GPtrArray *matches, const char *host, GError **error)
{
  g_autoptr (GString) names = g_string_new (NULL);

  if (matches->len == 1)
    return g_ptr_array_steal_index (matches, 0);
  if (matches->len == 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _ ("No destination %s"),
                   host);
      return NULL;
    }
  for (guint i = 0; i < matches->len; i++)
    {
      const char *user =
          ctl_prop_string (g_ptr_array_index (matches, i), "User");

      g_string_append_printf (names, "%s%s", i ? ", " : "",
                              is_root (user) ? "root" : user);
    }
  g_set_error (
      error, CTL_ERROR, CTL_ERROR_USAGE,
      _ ("%s is a destination for several users, pass --user with one of: %s"),
      host, names->str);
  return NULL;
}

/* Destinations are named by their Host, and by User when that is not
 * enough. */
CtlObject *
ctl_find_destination (CtlContext *ctx,
                      const char *host,
                      const char *user,
                      GError **error)
{
  g_autoptr (GPtrArray) destinations =
      ctl_list_objects (ctx, GR_DBUS_INTERFACE_DESTINATION, error);
  g_autoptr (GPtrArray) matches =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ctl_object_free);

  if (destinations == NULL)
    return NULL;
  for (guint i = 0; i < destinations->len; i++)
    if (destination_matches (g_ptr_array_index (destinations, i), host, user))
      g_ptr_array_add (matches, g_ptr_array_steal_index (destinations, i--));
  return pick_destination (matches, host, error);
}
