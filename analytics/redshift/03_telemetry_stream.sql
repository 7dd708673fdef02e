-- Step 3 of 5 (skip it if you do not produce telemetry): the streaming materialized view of the telemetry topic.
--
-- Expects the producer with PAYLOAD=telemetry and TOPIC_NAME unset, so the topic is "telemetry" (otherwise change
-- msk."telemetry" below). Same shape and rules as orders_stream: one streaming view per topic, the reading kept as
-- SUPER in data, a value that is not JSON kept as raw bytes in invalid_value instead of failing the refresh.
--
-- The producer keys each record by its device id as text, so kafka_key is e.g. '17' as bytes.

CREATE MATERIALIZED VIEW telemetry_stream
AUTO REFRESH YES
AS
SELECT
    kafka_partition,
    kafka_offset,
    kafka_timestamp_type,
    kafka_timestamp,
    kafka_key,
    kafka_headers,
    refresh_time,
    CASE WHEN CAN_JSON_PARSE(kafka_value) THEN JSON_PARSE(kafka_value) END AS data,
    CASE WHEN CAN_JSON_PARSE(kafka_value) THEN NULL ELSE kafka_value END AS invalid_value
FROM msk."telemetry";

-- Example: readings as typed columns. timestamp is ISO-8601 UTC with milliseconds (2026-03-09T21:05:00.073Z);
-- TRANSLATE turns the T into a space and drops the Z, leaving the same form as an order's ordered_at.
-- SELECT data.device_id::INT AS device_id,
--        TO_TIMESTAMP(TRANSLATE(data."timestamp"::VARCHAR(30), 'TZ', ' '), 'YYYY-MM-DD HH24:MI:SS.MS')::TIMESTAMP
--            AS read_at,
--        data.temperature::DOUBLE PRECISION AS temperature
-- FROM telemetry_stream
-- WHERE data IS NOT NULL;
