-- Step 5 of 5: the ten products ordered in the largest quantities, over everything ingested so far.
-- Reads order_items (04_order_items.sql), so it works with either ORDER_ITEMS_FORMAT.
-- The producer skews product ids towards low numbers, so a handful of products lead clearly.

SELECT
    product_id,
    SUM(quantity)            AS units,
    COUNT(DISTINCT order_id) AS orders
FROM order_items
GROUP BY product_id
ORDER BY units DESC, product_id
LIMIT 10;

-- Over a time range instead, e.g. the last hour (ordered_at is UTC):
-- SELECT product_id, SUM(quantity) AS units
-- FROM order_items
-- WHERE ordered_at >= DATEADD(hour, -1, GETDATE())
-- GROUP BY product_id
-- ORDER BY units DESC, product_id
-- LIMIT 10;
