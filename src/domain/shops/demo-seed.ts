import type { ActivityGroup } from "../../db/schema";
import type { Store } from "../../db/store";

export interface DemoProduct {
  code: string;
  name: string;
  price: number;
  unit: string;
  stock: number;
  category: string;
  description: string;
  labels?: string[];
  /** What buyers call it in comments besides its name (products.aliases). */
  aliases?: string[];
  days?: string;
  from?: string;
  to?: string;
  options?: { group: string; choices: [name: string, delta: number][] }[];
  /** Grams of one unit, packed, and what options add (for carriers, issue 23). */
  grams?: number;
  optionGrams?: Record<string, number>;
  /** Nhóm ngành for the books (books/activity-groups.ts); "goods" when not said. */
  group?: ActivityGroup;
}

// A family kitchen in a Lai Châu market town: cooked food for the neighbouring communes plus
// the district's OCOP specialities, the mix of sellers Chợ Chat is built for. Its books split the
// same way: dishes and drinks served are food service, the specialities bought in and resold are
// goods, and the sausage the kitchen smokes itself is production.
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    code: "A1",
    group: "food_service",
    grams: 650,
    optionGrams: { "Lớn": 150 },
    name: "Cơm gà nướng mắc khén",
    price: 45_000,
    unit: "phần",
    stock: 50,
    category: "Món chính",
    description: "Gà đồi nướng than hoa ướp mắc khén, cơm nương, canh rau cải.",
    aliases: ["cơm gà", "gà nướng"],
    options: [
      { group: "Cỡ phần", choices: [["Vừa", 0], ["Lớn", 10_000]] },
      { group: "Độ cay", choices: [["Không cay", 0], ["Cay vừa", 0], ["Cay nhiều", 0]] },
    ],
  },
  {
    code: "A2",
    group: "food_service",
    grams: 700,
    optionGrams: { "Thêm chả": 100 },
    name: "Bún chả cá sông Đà",
    price: 40_000,
    unit: "bát",
    stock: 30,
    category: "Món chính",
    description: "Chả cá thác lác sông Đà, bún tươi, rau thơm.",
    aliases: ["bún cá", "chả cá"],
    options: [{ group: "Thêm", choices: [["Không thêm", 0], ["Thêm chả", 15_000]] }],
  },
  {
    code: "A3",
    group: "food_service",
    grams: 350,
    name: "Xôi ngũ sắc",
    price: 25_000,
    unit: "phần",
    stock: 40,
    category: "Món chính",
    description: "Xôi nếp nương năm màu lá rừng, muối vừng. Chỉ bán buổi sáng.",
    from: "06:00",
    to: "10:30",
  },
  {
    code: "A4",
    group: "food_service",
    grams: 4500,
    name: "Lẩu cá tầm (4 người)",
    price: 350_000,
    unit: "nồi",
    stock: 3,
    category: "Món chính",
    description: "Cá tầm Sìn Hồ, rau rừng, măng chua. Mỗi ngày chỉ có vài nồi.",
    aliases: ["lẩu", "lẩu cá"],
  },
  {
    code: "A5",
    group: "goods",
    grams: 750,
    name: "Mật ong hoa bạc hà",
    price: 250_000,
    unit: "hũ",
    stock: 20,
    category: "Đặc sản",
    description: "Hũ 500 ml, mật ong hoa bạc hà Hà Giang, hợp tác xã Than Uyên.",
    labels: ["OCOP 4 sao", "Truy xuất: VN-LC-TU-0012"],
  },
  {
    code: "A6",
    group: "goods",
    grams: 250,
    name: "Chè Shan Tuyết cổ thụ",
    price: 180_000,
    unit: "gói",
    stock: 15,
    category: "Đặc sản",
    description: "Gói 200 g, búp chè Shan Tuyết cây cổ thụ, sao tay.",
    labels: ["VietGAP", "OCOP 3 sao"],
  },
  {
    code: "A7",
    group: "production",
    grams: 1050,
    name: "Lạp xưởng gác bếp",
    price: 220_000,
    unit: "kg",
    stock: 12,
    category: "Đặc sản",
    description: "Bếp nhà làm: thịt lợn bản hun khói gác bếp 3 tháng.",
    aliases: ["lạp sườn"],
    options: [{ group: "Loại", choices: [["Ít mỡ", 0], ["Nhiều nạc", 20_000]] }],
  },
  {
    code: "A8",
    group: "food_service",
    grams: 450,
    name: "Nước mơ ngâm",
    price: 15_000,
    unit: "ly",
    stock: 60,
    category: "Đồ uống",
    description: "Mơ Tam Đường ngâm đường phèn, uống lạnh.",
    aliases: ["mơ", "nước mơ"],
  },
];

const ZONES: [name: string, fee: number, minOrder: number][] = [
  ["Thị trấn Than Uyên", 10_000, 0],
  ["Xã Mường Than", 15_000, 80_000],
  ["Xã Phúc Than", 25_000, 150_000],
];

const SLOTS: [from: string, to: string][] = [
  ["10:30", "11:30"],
  ["11:30", "12:30"],
  ["17:00", "18:00"],
  ["18:00", "19:00"],
];

/** Seeds the demo shop (slug `demo`) when the database has no shop at all. Returns whether it did. */
export async function seedDemoShopIfEmpty(store: Store, now: Date, timeZone: string): Promise<boolean> {
  const any = await store.db.selectFrom("shops").select("id").limit(1).executeTakeFirst();
  if (any) return false;
  const at = now.toISOString();
  const shop = await store.db
    .insertInto("shops")
    .values({
      slug: "demo",
      name: "Bếp Nhà Mây",
      description: "Cơm quê, lẩu cá tầm và đặc sản OCOP Lai Châu. Giao trong thị trấn và các xã lân cận.",
      lang: "vi",
      time_zone: timeZone,
      phone: "0912345678",
      pickup_enabled: 1,
      pickup_address: "12 đường 19/5, thị trấn Than Uyên, Lai Châu",
      // Where carriers collect parcels: the old thị trấn Than Uyên is Xã Than Uyên since July 2025.
      pickup_province_code: "12",
      pickup_commune_code: "03595",
      pickup_street: "12 đường 19/5",
      pickup_name: "Bếp Nhà Mây",
      pickup_phone: "0912345678",
      delivery_enabled: 1,
      cod_enabled: 1,
      vietqr_enabled: 1,
      bank_bin: "970436",
      bank_account: "0011001932418",
      bank_holder: "NGUYEN THI MAY",
      created_at: at,
    })
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!shop) return false;

  for (const [sort, p] of DEMO_PRODUCTS.entries()) {
    const product = await store.db
      .insertInto("products")
      .values({
        shop_id: shop.id,
        code: p.code,
        name: p.name,
        price: p.price,
        unit: p.unit,
        stock: p.stock,
        category: p.category,
        description: p.description,
        labels: JSON.stringify(p.labels ?? []),
        aliases: JSON.stringify(p.aliases ?? []),
        available_days: p.days ?? "1234567",
        available_from: p.from ?? null,
        available_to: p.to ?? null,
        weight_grams: p.grams ?? 500,
        activity_group: p.group ?? "goods",
        sort,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [groupSort, g] of (p.options ?? []).entries()) {
      const group = await store.db
        .insertInto("product_option_groups")
        .values({ product_id: product.id, name: g.group, sort: groupSort })
        .returning("id")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("product_options")
        .values(g.choices.map(([name, delta], i) => ({ group_id: group.id, name, price_delta: delta, sort: i, weight_delta: p.optionGrams?.[name] ?? 0 })))
        .execute();
    }
  }
  await store.db
    .insertInto("delivery_zones")
    .values(ZONES.map(([name, fee, min], sort) => ({ shop_id: shop.id, name, fee, min_order: min, sort })))
    .execute();
  await store.db
    .insertInto("time_slots")
    .values(SLOTS.map(([from, to], sort) => ({ shop_id: shop.id, start_time: from, end_time: to, sort })))
    .execute();
  return true;
}
