/* georepctl: the service's objects as georepctl reads them: listed
 * (GetManagedObjects, or GetSessions for only the properties a verb
 * prints) and their properties looked up by name through an index. */
#include "config.h"

#include "georepctl.h"
#include "gr-names.h"

void
ctl_object_free (CtlObject *object)
{
  g_free (object->path);
  g_clear_pointer (&object->index, g_hash_table_unref);
  g_clear_pointer (&object->props, g_variant_unref);
  g_free (object);
}

static int
compare_objects (gconstpointer a, gconstpointer b)
{
  const CtlObject *x = *(CtlObject **) a;
  const CtlObject *y = *(CtlObject **) b;

  return g_strcmp0 (x->path, y->path);
}

static GPtrArray *
objects_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ctl_object_free);
}

/* Takes @props. */
static void
add_object (GPtrArray *objects, const char *path, GVariant *props)
{
  CtlObject *object = g_new0 (CtlObject, 1);

  object->path = g_strdup (path);
  object->props = props;
  g_ptr_array_add (objects, object);
}

/* The objects implementing @interface, sorted by path (so by label). */
GPtrArray *
ctl_list_objects (CtlContext *ctx, const char *interface, GError **error)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) objects = NULL;
  g_autoptr (GPtrArray) found = objects_new ();
  GVariantIter iter;
  const char *path;
  GVariant *interfaces;

  reply = ctl_read_call (
      ctx, GR_DBUS_PATH, "org.freedesktop.DBus.ObjectManager",
      "GetManagedObjects", NULL, G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), error);
  if (reply == NULL)
    return NULL;
  objects = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, objects);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      g_autoptr (GVariant) owned = interfaces;
      GVariant *props = g_variant_lookup_value (interfaces, interface,
                                                G_VARIANT_TYPE_VARDICT);

      if (props != NULL)
        add_object (found, path, props);
    }
  g_ptr_array_sort (found, compare_objects);
  return g_steal_pointer (&found);
}

static GVariant *
get_sessions (CtlContext *ctx, const char *const *properties, GError **error)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  if (properties != NULL)
    g_variant_builder_add (&options, "{sv}", "properties",
                           g_variant_new_strv (properties, -1));
  return ctl_read_call (ctx, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER,
                        "GetSessions", g_variant_new ("(a{sv})", &options),
                        G_VARIANT_TYPE ("(a{oa{sv}})"), error);
}

/* The sessions with only @properties (NULL: all), sorted by path: one
 * GetSessions call, whose answer is a fraction of GetManagedObjects'
 * (docs/performance.md); GetManagedObjects from an older georepd. */
GPtrArray *
ctl_list_sessions (CtlContext *ctx,
                   const char *const *properties,
                   GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GVariant) reply = get_sessions (ctx, properties, &local);
  g_autoptr (GVariant) sessions = NULL;
  g_autoptr (GPtrArray) found = objects_new ();
  GVariantIter iter;
  GVariant *entry;

  if (reply == NULL &&
      g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    return ctl_list_objects (ctx, GR_DBUS_INTERFACE_SESSION, error);
  if (reply == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  sessions = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, sessions);
  /* By value, as index_props reads them. */
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr (GVariant) path = g_variant_get_child_value (entry, 0);

      add_object (found, g_variant_get_string (path, NULL),
                  g_variant_get_child_value (entry, 1));
      g_variant_unref (entry);
    }
  g_ptr_array_sort (found, compare_objects);
  return g_steal_pointer (&found);
}

/* Name → value, each walked once: a table of a thousand sessions reads
 * ten thousand properties, and each g_variant_lookup walks the a{sv}
 * anew. Read by value, without the '&' formats that would first flatten
 * the tree GDBus decoded (as costly as the decoding); the index holds
 * its values, so strings read from them stay valid with @object. */
static GHashTable *
index_props (GVariant *props)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_variant_unref);
  GVariantIter iter;
  GVariant *entry;

  g_variant_iter_init (&iter, props);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr (GVariant) name = g_variant_get_child_value (entry, 0);
      g_autoptr (GVariant) boxed = g_variant_get_child_value (entry, 1);

      g_hash_table_insert (index, g_variant_dup_string (name, NULL),
                           g_variant_get_variant (boxed));
      g_variant_unref (entry);
    }
  return index;
}

/* The value of property @name, unboxed, or NULL; valid with @object. */
static GVariant *
prop_value (CtlObject *object, const char *name)
{
  if (object->index == NULL)
    object->index = index_props (object->props);
  return g_hash_table_lookup (object->index, name);
}

const char *
ctl_prop_string (CtlObject *object, const char *name)
{
  GVariant *value = prop_value (object, name);

  if (value != NULL &&
      (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
       g_variant_is_of_type (value, G_VARIANT_TYPE_OBJECT_PATH)))
    return g_variant_get_string (value, NULL);
  return "";
}

guint64
ctl_prop_uint64 (CtlObject *object, const char *name)
{
  GVariant *value = prop_value (object, name);

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return g_variant_get_uint64 (value);
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT16))
    return g_variant_get_uint16 (value);
  return 0;
}

gint64
ctl_prop_int64 (CtlObject *object, const char *name, gint64 fallback)
{
  GVariant *value = prop_value (object, name);

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  return fallback;
}

gboolean
ctl_prop_boolean (CtlObject *object, const char *name)
{
  GVariant *value = prop_value (object, name);

  return value != NULL &&
         g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) &&
         g_variant_get_boolean (value);
}
