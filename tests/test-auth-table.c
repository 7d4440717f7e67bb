/* Unit tests: the authorization table (service/objects/gr-auth.c) against
 * the interfaces. Every method of interfaces/ (each .xml) must have a rule, or
 * gr_call_begin() denies it to everyone; a rule for a method that does
 * not exist is a table that drifted from the API. */
#include "gr-auth.h"
#include "gr-config-keys.h"
#include "gr-names.h"

/* Every interface of the XML files in interfaces/, as the source tree holds
 * them. */
static GPtrArray *
read_interfaces (void)
{
  g_autofree char *dir =
      g_build_filename (g_getenv ("GEOREP_SOURCE_ROOT"), "interfaces", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray *nodes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_dbus_node_info_unref);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *xml = NULL;
      g_autoptr (GError) error = NULL;
      GDBusNodeInfo *node;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
      node = g_dbus_node_info_new_for_xml (xml, &error);
      g_assert_no_error (error);
      g_ptr_array_add (nodes, node);
    }
  return nodes;
}

static void
test_every_method_has_a_rule (void)
{
  g_autoptr (GPtrArray) nodes = read_interfaces ();
  guint interfaces = 0, methods = 0;

  for (guint n = 0; n < nodes->len; n++)
    {
      GDBusNodeInfo *node = nodes->pdata[n];

      for (guint i = 0; node->interfaces && node->interfaces[i];
           i++, interfaces++)
        {
          GDBusInterfaceInfo *iface = node->interfaces[i];

          for (guint m = 0; iface->methods && iface->methods[m]; m++, methods++)
            {
              const char *action = NULL;

              g_test_message ("%s.%s", iface->name, iface->methods[m]->name);
              g_assert_true (gr_auth_lookup (
                  iface->name, iface->methods[m]->name, NULL, &action));
            }
        }
    }
  /* Manager, Session, Destination, Job. */
  g_assert_cmpuint (interfaces, ==, 4);
  /* No rule for a method that is gone (lookups are by name: one rule per
   * method, so equal counts mean no stale rule). */
  g_assert_cmpuint (methods, ==, gr_auth_n_rules ());
}

static const char *
action_of (const char *interface, const char *method, const char *qualifier)
{
  const char *action = NULL;

  g_assert_true (gr_auth_lookup (interface, method, qualifier, &action));
  return action;
}

static void
test_unknown_method_is_denied (void)
{
  const char *action = "unset";

  g_assert_false (
      gr_auth_lookup (GR_DBUS_INTERFACE_SESSION, "Frobnicate", NULL, &action));
  g_assert_null (action);
  g_assert_false (gr_auth_lookup ("org.example.Other", "Start", NULL, &action));
}

static void
test_reads_are_open (void)
{
  g_assert_null (action_of (GR_DBUS_INTERFACE_MANAGER, "Refresh", NULL));
  g_assert_null (
      action_of (GR_DBUS_INTERFACE_SESSION, "GetEffectiveConfig", NULL));
  g_assert_null (action_of (GR_DBUS_INTERFACE_SESSION, "GetHistory", NULL));
  g_assert_null (action_of (GR_DBUS_INTERFACE_SESSION, "GetRuns", NULL));
}

static void
test_qualified_actions (void)
{
  g_assert_cmpstr (action_of (GR_DBUS_INTERFACE_SESSION, "Start", NULL), ==,
                   GR_ACTION_CONTROL_SESSIONS);
  g_assert_cmpstr (
      action_of (GR_DBUS_INTERFACE_SESSION, "SetConfig", "sync-jobs"), ==,
      GR_ACTION_CONFIGURE_SESSIONS);
  /* A key that names a command, or none at all, asks for more. */
  g_assert_cmpstr (
      action_of (GR_DBUS_INTERFACE_SESSION, "SetConfig", "ssh-command"), ==,
      GR_ACTION_CONFIGURE_COMMANDS);
  g_assert_cmpstr (
      action_of (GR_DBUS_INTERFACE_SESSION, "ResetConfig", "rsync-options"), ==,
      GR_ACTION_CONFIGURE_COMMANDS);
  g_assert_cmpstr (action_of (GR_DBUS_INTERFACE_SESSION, "SetConfig", NULL), ==,
                   GR_ACTION_CONFIGURE_COMMANDS);
  g_assert_cmpstr (action_of (GR_DBUS_INTERFACE_JOB, "Abort", "sync-window"),
                   ==, GR_ACTION_SCHEDULE_SESSIONS);
  g_assert_cmpstr (action_of (GR_DBUS_INTERFACE_JOB, "Resume", "failback"), ==,
                   GR_ACTION_DISASTER_RECOVERY);
  g_assert_cmpstr (gr_auth_action_for_step (GR_AUTH_STEP_SESSION_KEYS), ==,
                   GR_ACTION_MANAGE_DESTINATIONS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/auth/every-method-has-a-rule",
                   test_every_method_has_a_rule);
  g_test_add_func ("/auth/unknown-method-is-denied",
                   test_unknown_method_is_denied);
  g_test_add_func ("/auth/reads-are-open", test_reads_are_open);
  g_test_add_func ("/auth/qualified-actions", test_qualified_actions);
  return g_test_run ();
}
