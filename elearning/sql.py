"""Model instances from plain SQL, for the reads that a learner's every request makes (the user,
their enrolment, progress and quiz attempts), and the updates that follow them.

These are lookups and updates by indexed columns. Built through the ORM they cost two to three
times what running them does; even `Model.objects.raw()` spends about as long as the query on
reading the cursor's description and working out the model's field order. Here the columns are
named up front, values go through the same converters the ORM applies (SQLite gives times as
text and booleans as integers; JSON comes as text), and rows become instances with
`Model.from_db`, as the ORM makes them."""

from django.db import connections


def select(model, where: str, params, fields=None, *, lock=False, using="default") -> list:
    """Instances of `model` whose rows match a plain SQL condition on its table. `fields` are
    attribute names (all concrete fields by default; the others are deferred). With `lock`, the
    rows are locked for the current transaction where the database can (PostgreSQL)."""
    connection = connections[using]
    meta = model._meta
    wanted = set(fields) if fields else None
    concrete = [field for field in meta.concrete_fields if wanted is None or field.attname in wanted]
    names = tuple(field.attname for field in concrete)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in concrete)
    locking = lock_clause(connection) if lock else ""
    sql = f"SELECT {columns} FROM {connection.ops.quote_name(meta.db_table)} WHERE {where}{locking}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return instances(model, names, rows, using=using)


def select_one(model, where: str, params, fields=None, *, lock=False, using="default"):
    """The one instance `select` finds, or None."""
    found = select(model, where, params, fields, lock=lock, using=using)
    return found[0] if found else None


def update(model, values: dict, where: str, params, *, also: str = "", using="default") -> int:
    """UPDATE the rows of `model` matching a plain SQL condition: `values` by field name, prepared
    as the ORM prepares them, and the SQL assignments `also`. Returns the number of rows changed."""
    connection = connections[using]
    meta = model._meta
    fields = [meta.get_field(name) for name in values]
    assignments = [f"{connection.ops.quote_name(field.column)} = %s" for field in fields] + (
        [also] if also else []
    )
    prepared = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values.values(), strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {', '.join(assignments)} WHERE {where}",
            [*prepared, *params],
        )
        return cursor.rowcount


def lock_clause(connection, of=None) -> str:
    """`FOR UPDATE` (of one table of a join where the database can say so), or nothing where
    the database has no row locks (SQLite, whose writers take turns anyway)."""
    if not connection.features.has_select_for_update:
        return ""
    if of and connection.features.has_select_for_update_of:
        return f" FOR UPDATE OF {of}"
    return " FOR UPDATE"


def instances(model, names, rows, *, using="default") -> list:
    """Rows whose first columns are the `names` (attribute names) of `model`, as instances;
    columns after those are left out."""
    connection = connections[using]
    converters, order, ordered_names = _plan(connection, model, tuple(names))
    made = []
    for row in rows:
        values = list(row[: len(names)])
        for index, convert_ in converters:
            values[index] = convert_(values[index])
        made.append(model.from_db(using, ordered_names, [values[index] for index in order]))
    return made


def convert(model, name, value, *, using="default"):
    """One column of `model` (attribute `name`) read by a plain query, converted as the ORM would."""
    for _index, convert_ in _plan(connections[using], model, (name,))[0]:
        value = convert_(value)
    return value


def _plan(connection, model, names):
    """How to turn rows of these columns into instances, worked out once per connection
    (converters may depend on it), model and columns: [(column index, convert(value))] for the
    columns that need converting, and the columns in the model's field order, which
    `Model.from_db` takes."""
    memo = connection.__dict__.setdefault("_plain_sql_plans", {})
    key = (model, names)
    plan = memo.get(key)
    if plan is None:
        converters = []
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        for index, name in enumerate(names):
            column = by_attname[name].get_col(model._meta.db_table)
            steps = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if steps:
                converters.append((index, _chain(steps, column, connection)))
        position = {field.attname: n for n, field in enumerate(model._meta.concrete_fields)}
        order = sorted(range(len(names)), key=lambda index: position[names[index]])
        plan = memo[key] = (converters, order, tuple(names[index] for index in order))
    return plan


def _chain(steps, column, connection):
    def convert(value):
        for step in steps:
            value = step(value, column, connection)
        return value

    return convert
