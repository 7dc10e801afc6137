-- +goose Up
-- The category tree is reference data every marketplace starts with, demo
-- data or not (services/demo uses the same ids). Admins will edit it later.
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('b3efc5bd-4aaa-5fa6-9e73-777bd2ad183c', NULL, 'home', 'Home & Kitchen', 0) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('c3d7e314-5a2f-5835-9538-80937a0b58c1', 'b3efc5bd-4aaa-5fa6-9e73-777bd2ad183c', 'kitchen', 'Kitchen', 1) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('13e4164c-34ca-5e26-837a-19909a6f87be', 'b3efc5bd-4aaa-5fa6-9e73-777bd2ad183c', 'decor', 'Decor', 2) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('7108cab2-aba9-53b0-bf1c-800805d0f782', 'b3efc5bd-4aaa-5fa6-9e73-777bd2ad183c', 'plants', 'Plants & Garden', 3) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('2a9fe3d2-ca39-5d8c-8609-092b14504377', NULL, 'fashion', 'Fashion', 4) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('7cfe780e-4932-50da-9381-f475718a8f35', '2a9fe3d2-ca39-5d8c-8609-092b14504377', 'clothing', 'Clothing', 5) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('76d5e0cf-767f-59f0-8f22-6d1f58f647b9', '2a9fe3d2-ca39-5d8c-8609-092b14504377', 'accessories', 'Accessories', 6) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('7c8c5865-1a60-5837-a75e-8bfdbf04422b', NULL, 'electronics', 'Electronics', 7) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('64d42c9f-1793-51e5-b21f-34a64ee21220', '7c8c5865-1a60-5837-a75e-8bfdbf04422b', 'audio', 'Audio', 8) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('eeb655ca-3375-5d27-ae1e-718aa5b5db67', '7c8c5865-1a60-5837-a75e-8bfdbf04422b', 'gadgets', 'Gadgets', 9) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('0205e61e-1983-5a30-ac39-ebd9815760e8', NULL, 'books', 'Books & Stationery', 10) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('5900b798-bc3e-5193-9704-4ae1872d207a', '0205e61e-1983-5a30-ac39-ebd9815760e8', 'notebooks', 'Notebooks', 11) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('7239b3c3-43b0-50c5-997a-367e49ddb375', '0205e61e-1983-5a30-ac39-ebd9815760e8', 'writing', 'Writing', 12) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('ca5660ce-a815-515d-b0c5-1c4b4e7f6a69', NULL, 'outdoors', 'Sports & Outdoors', 13) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('54f181a8-72a1-56d8-bee3-055860a6c460', 'ca5660ce-a815-515d-b0c5-1c4b4e7f6a69', 'camping', 'Camping', 14) ON CONFLICT DO NOTHING;
INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('eff3dbf7-e991-5d79-8074-c6b356554a1e', 'ca5660ce-a815-515d-b0c5-1c4b4e7f6a69', 'running', 'Running', 15) ON CONFLICT DO NOTHING;

-- +goose Down
-- Categories may have products by now: they stay.
