-- Step 4 of 5: order_items, one row per order line:
--   (order_id, ordered_at, user_id, product_id, quantity)
-- A plain (non-streaming) view over orders_stream, so it always reflects the latest refresh and needs no refresh
-- of its own.
--
-- Works with either producer setting of ORDER_ITEMS_FORMAT, and with a topic that holds both:
--   ORDER_ITEMS_FORMAT=array  (default)  items is a JSON array, so data.items is a SUPER array: used as it is.
--   ORDER_ITEMS_FORMAT=string            items is a JSON string holding the same array, so data.items is a SUPER
--                                        string: JSON_TYPEOF says 'string', and JSON_PARSE turns its text into
--                                        the SUPER array.
-- Redshift has no array explode function; the documented way is PartiQL unnesting in the FROM clause
-- ("FROM orders o, o.items AS i" iterates over each order's array). The CTE first gives every order its items as
-- an array, whichever form was written, so a single unnest serves both.
--
-- ordered_at is written in UTC as 'yyyy-MM-dd HH:mm:ss.SSS' (e.g. 2026-03-09 21:05:00.073). TO_TIMESTAMP parses
-- it with the matching Redshift format and returns TIMESTAMPTZ; the cast to TIMESTAMP keeps the UTC wall-clock
-- value in a session whose timezone is UTC, Redshift's default (SET timezone TO 'UTC' if yours is not).
--
-- Rows whose value was not JSON (orders_stream.invalid_value) and orders without an items array or string are left
-- out; they stay visible in orders_stream.

CREATE OR REPLACE VIEW order_items AS
WITH orders AS (
    SELECT
        data.order_id::VARCHAR(64) AS order_id,
        TO_TIMESTAMP(data.ordered_at::VARCHAR(32), 'YYYY-MM-DD HH24:MI:SS.MS')::TIMESTAMP AS ordered_at,
        data.user_id::VARCHAR(64) AS user_id,
        CASE
            WHEN JSON_TYPEOF(data.items) = 'array' THEN data.items
            WHEN JSON_TYPEOF(data.items) = 'string' AND CAN_JSON_PARSE(data.items::VARCHAR(65535))
                THEN JSON_PARSE(data.items::VARCHAR(65535))
        END AS items
    FROM orders_stream
    WHERE data IS NOT NULL
)
SELECT
    o.order_id,
    o.ordered_at,
    o.user_id,
    i.product_id::INT AS product_id,
    i.quantity::INT AS quantity
FROM orders AS o, o.items AS i
WHERE o.items IS NOT NULL;
