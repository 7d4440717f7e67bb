/* georepd: Manager.GetSessions: every session in one answer, with only
 * the properties the caller names. A table of a thousand sessions needs
 * ten small properties each; GetManagedObjects carries all of them, the
 * Workers most of all, and encoding and decoding those dominated
 * `georepctl status` (docs/performance.md). */
#include "gr-call.h"
#include "gr-error.h"
#include "gr-manager-private.h"
#include "gr-names.h"
#include "gr-options.h"
#include "gr-registry.h"
#include "gr-session-object.h"

static const GrOptionSpec get_sessions_options[] = {
  { "properties", "as" },
  { NULL, NULL },
};

/* The Session properties @names asks for (GDBusPropertyInfo *), in the
 * interface's order and each once; all of them when @names is NULL. */
static GPtrArray *
wanted_properties (const char *const *names, GError **error)
{
  GDBusInterfaceInfo *info = gr_session_interface_info ();
  g_autoptr (GPtrArray) wanted = g_ptr_array_new ();

  for (const char *const *name = names; name && *name; name++)
    if (g_dbus_interface_info_lookup_property (info, *name) == NULL)
      {
        /* Named back only when it is a name at all. */
        if (g_dbus_is_member_name (*name))
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                       "Sessions have no property %s", *name);
        else
          g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                               "A property name is not a D-Bus member name");
        return NULL;
      }
  for (GDBusPropertyInfo **property = info->properties; *property; property++)
    if (names == NULL || g_strv_contains (names, (*property)->name))
      g_ptr_array_add (wanted, *property);
  return g_steal_pointer (&wanted);
}

/* The values as Get answers them: the skeleton's own getter, which
 * GDBus calls with the skeleton as its user data. */
static GVariant *
session_properties (GrSessionObject *session, GPtrArray *wanted)
{
  GDBusInterfaceSkeleton *skeleton = G_DBUS_INTERFACE_SKELETON (session);
  GDBusInterfaceVTable *vtable =
      g_dbus_interface_skeleton_get_vtable (skeleton);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < wanted->len; i++)
    {
      const GDBusPropertyInfo *property = wanted->pdata[i];
      GVariant *value = vtable->get_property (
          g_dbus_interface_skeleton_get_connection (skeleton), NULL,
          g_dbus_interface_skeleton_get_object_path (skeleton),
          GR_DBUS_INTERFACE_SESSION, property->name, NULL, skeleton);

      /* Entries made directly: a format string is parsed at each add,
       * which with ten thousand of them was a third of the call. */
      if (value != NULL)
        g_variant_builder_add_value (
            &builder, g_variant_new_dict_entry (
                          g_variant_new_string (property->name),
                          g_variant_new_variant (g_variant_take_ref (value))));
      g_clear_pointer (&value, g_variant_unref);
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
sessions_to_variant (GrRegistry *registry, GPtrArray *wanted)
{
  g_autoptr (GPtrArray) sessions = gr_registry_list_sessions (registry);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{oa{sv}}"));
  for (guint i = 0; i < sessions->len; i++)
    {
      GrSessionObject *session = sessions->pdata[i];
      const char *path = g_dbus_interface_skeleton_get_object_path (
          G_DBUS_INTERFACE_SKELETON (session));

      /* Exported from the moment the registry holds it. */
      if (path != NULL)
        g_variant_builder_add_value (
            &builder,
            g_variant_new_dict_entry (g_variant_new_object_path (path),
                                      session_properties (session, wanted)));
    }
  return g_variant_builder_end (&builder);
}

static void
get_sessions (GrCall *call)
{
  GrManagerObject *self = gr_call_get_object (call);
  GPtrArray *wanted = gr_call_get_state (call);

  gr_call_return (
      call, g_variant_new ("(@a{oa{sv}})",
                           sessions_to_variant (
                               gr_manager_object_get_registry (self), wanted)));
}

/* A read: open to everyone (gr-auth.c), like GetManagedObjects. */
gboolean
gr_manager_handle_get_sessions (GrManager *manager,
                                GDBusMethodInvocation *invocation,
                                GVariant *options)
{
  g_autofree const char **names = NULL;
  GPtrArray *wanted = NULL;
  GError *error = NULL;

  if (!gr_options_check (options, get_sessions_options, &error))
    return gr_invocation_refuse (invocation, error);
  g_variant_lookup (options, "properties", "^a&s", &names);
  wanted = wanted_properties (names, &error);
  if (wanted == NULL)
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, manager, options, NULL, get_sessions,
                        wanted, (GDestroyNotify) g_ptr_array_unref);
}
