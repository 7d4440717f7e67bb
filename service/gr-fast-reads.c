/* georepd: fast property reads.
 *
 * GDBus hands every Properties call to the main thread, which may be busy
 * applying a refresh of a thousand sessions. Here a message filter
 * answers the three read calls on the worker thread that received them,
 * building each a{sv} from the skeleton (generated skeletons guard their
 * properties with a lock of their own, so reading them here is safe).
 * Nothing is cached: a cached a{sv} is a tree of four small variants per
 * property, several megabytes at a thousand sessions, while building one
 * costs microseconds; Workers and Config are shared, not copied. Anything
 * not understood (an unknown property, a wrong signature) goes on to
 * GDBus's own handling. */
#include "gr-fast-reads.h"
#include "gr-names.h"

#define PROPERTIES "org.freedesktop.DBus.Properties"
#define OBJECT_MANAGER "org.freedesktop.DBus.ObjectManager"

struct _GrFastReads {
  GrDaemon *daemon;
  GDBusConnection *connection;
  guint filter_id;
};

/* The interface's properties as a{sv} (a full reference, not floating). */
static GVariant *
properties_of (GDBusInterfaceSkeleton *skeleton)
{
  return g_dbus_interface_skeleton_get_properties (skeleton);
}

static GDBusInterfaceSkeleton *
lookup_skeleton (GrFastReads *reads, const char *path, const char *interface)
{
  GDBusInterface *found;

  if (g_strcmp0 (path, GR_DBUS_PATH) == 0 &&
      g_strcmp0 (interface, GR_DBUS_INTERFACE_MANAGER) == 0)
    return g_object_ref (G_DBUS_INTERFACE_SKELETON (reads->daemon->manager));
  found = g_dbus_object_manager_get_interface (
      G_DBUS_OBJECT_MANAGER (reads->daemon->object_manager), path, interface);
  return found ? G_DBUS_INTERFACE_SKELETON (found) : NULL;
}

static void
reply (GrFastReads *reads, GDBusMessage *call, GVariant *body)
{
  g_autoptr (GDBusMessage) message = g_dbus_message_new_method_reply (call);

  g_dbus_message_set_body (message, body);
  g_dbus_connection_send_message (reads->connection, message,
                                  G_DBUS_SEND_MESSAGE_FLAGS_NONE, NULL, NULL);
}

static gboolean
answer_get (GrFastReads *reads, GDBusMessage *call, GVariant *args)
{
  const char *interface, *name;
  g_autoptr (GDBusInterfaceSkeleton) skeleton = NULL;
  g_autoptr (GVariant) properties = NULL;
  g_autoptr (GVariant) value = NULL;

  if (!g_variant_is_of_type (args, G_VARIANT_TYPE ("(ss)")))
    return FALSE;
  g_variant_get (args, "(&s&s)", &interface, &name);
  skeleton = lookup_skeleton (reads, g_dbus_message_get_path (call), interface);
  if (skeleton == NULL)
    return FALSE;
  properties = properties_of (skeleton);
  value = g_variant_lookup_value (properties, name, NULL);
  if (value == NULL)
    return FALSE;
  reply (reads, call, g_variant_new ("(v)", value));
  return TRUE;
}

static gboolean
answer_get_all (GrFastReads *reads, GDBusMessage *call, GVariant *args)
{
  const char *interface;
  g_autoptr (GDBusInterfaceSkeleton) skeleton = NULL;
  g_autoptr (GVariant) properties = NULL;

  if (!g_variant_is_of_type (args, G_VARIANT_TYPE ("(s)")))
    return FALSE;
  g_variant_get (args, "(&s)", &interface);
  skeleton = lookup_skeleton (reads, g_dbus_message_get_path (call), interface);
  if (skeleton == NULL)
    return FALSE;
  properties = properties_of (skeleton);
  reply (reads, call, g_variant_new ("(@a{sv})", properties));
  return TRUE;
}

static void
add_object (GVariantBuilder *objects, GDBusObject *object)
{
  g_autolist (GDBusInterface) interfaces =
      g_dbus_object_get_interfaces (object);
  GVariantBuilder dicts;

  g_variant_builder_init (&dicts, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (GList *l = interfaces; l; l = l->next)
    {
      g_autoptr (GVariant) properties = properties_of (l->data);

      g_variant_builder_add (&dicts, "{s@a{sv}}",
                             g_dbus_interface_skeleton_get_info (l->data)->name,
                             properties);
    }
  g_variant_builder_add (objects, "{o@a{sa{sv}}}",
                         g_dbus_object_get_object_path (object),
                         g_variant_builder_end (&dicts));
}

static gboolean
answer_get_managed_objects (GrFastReads *reads,
                            GDBusMessage *call,
                            GVariant *args)
{
  g_autolist (GDBusObject) list = NULL;
  GVariantBuilder objects;

  if (g_strcmp0 (g_dbus_message_get_path (call), GR_DBUS_PATH) != 0 ||
      (args != NULL && g_variant_n_children (args) != 0))
    return FALSE;
  list = g_dbus_object_manager_get_objects (
      G_DBUS_OBJECT_MANAGER (reads->daemon->object_manager));
  g_variant_builder_init (&objects, G_VARIANT_TYPE ("a{oa{sa{sv}}}"));
  for (GList *l = list; l; l = l->next)
    add_object (&objects, l->data);
  reply (reads, call,
         g_variant_new ("(@a{oa{sa{sv}}})", g_variant_builder_end (&objects)));
  return TRUE;
}

static gboolean
answer (GrFastReads *reads, GDBusMessage *call)
{
  const char *interface = g_dbus_message_get_interface (call);
  const char *member = g_dbus_message_get_member (call);
  GVariant *args = g_dbus_message_get_body (call);

  if (g_strcmp0 (interface, PROPERTIES) == 0 &&
      g_strcmp0 (member, "Get") == 0 && args)
    return answer_get (reads, call, args);
  if (g_strcmp0 (interface, PROPERTIES) == 0 &&
      g_strcmp0 (member, "GetAll") == 0 && args)
    return answer_get_all (reads, call, args);
  if (g_strcmp0 (interface, OBJECT_MANAGER) == 0 &&
      g_strcmp0 (member, "GetManagedObjects") == 0)
    return answer_get_managed_objects (reads, call, args);
  return FALSE;
}

static GDBusMessage *
filter (GDBusConnection *connection,
        GDBusMessage *message,
        gboolean incoming,
        gpointer data)
{
  GrFastReads *reads = data;

  if (!incoming ||
      g_dbus_message_get_message_type (message) !=
          G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      !answer (reads, message))
    return message;
  /* Answered: GDBus does not see it. */
  g_object_unref (message);
  return NULL;
}

GrFastReads *
gr_fast_reads_new (GrDaemon *daemon, GDBusConnection *connection)
{
  GrFastReads *reads = g_new0 (GrFastReads, 1);

  reads->daemon = daemon;
  reads->connection = g_object_ref (connection);
  reads->filter_id =
      g_dbus_connection_add_filter (connection, filter, reads, NULL);
  return reads;
}

void
gr_fast_reads_free (GrFastReads *reads)
{
  g_dbus_connection_remove_filter (reads->connection, reads->filter_id);
  g_object_unref (reads->connection);
  g_free (reads);
}
