-- Step 2 of 5: the streaming materialized view of the orders topic.
--
-- Expects the producer with PAYLOAD=orders and TOPIC_NAME unset, so the topic is "orders" (otherwise change
-- msk."orders" below). Works with either ORDER_ITEMS_FORMAT: this view keeps the whole order as SUPER and does not
-- look inside it; 04_order_items.sql flattens both forms of items.
--
-- Kept deliberately simple: one streaming view per topic (each one is a separate consumer of the topic), no
-- shredding of fields here (re-parsing per column slows ingestion), flattening in a second, ordinary view.
-- A value that is not JSON does not fail the refresh: its row keeps the raw bytes in invalid_value and a NULL data.
--
-- The first refresh reads every partition from its earliest retained offset; AUTO REFRESH YES then keeps
-- ingesting as records arrive.

CREATE MATERIALIZED VIEW orders_stream
AUTO REFRESH YES
AS
SELECT
    kafka_partition,
    kafka_offset,
    kafka_timestamp_type,
    kafka_timestamp,
    kafka_key,          -- VARBYTE; the producer writes {"order_id":"<uuid>"}
    kafka_headers,
    refresh_time,       -- when this refresh ingested the record
    CASE WHEN CAN_JSON_PARSE(kafka_value) THEN JSON_PARSE(kafka_value) END AS data,
    CASE WHEN CAN_JSON_PARSE(kafka_value) THEN NULL ELSE kafka_value END AS invalid_value
FROM msk."orders";
