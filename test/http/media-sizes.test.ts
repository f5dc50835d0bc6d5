import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { imageSize } from "../../src/domain/media/image-size";
import { DashboardClient } from "../helpers/dashboard";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// /media/<id>?w=N: the smallest stored copy at least N px on its longest side, else the original.
let t: TestApp;
let client: DashboardClient;
beforeEach(async () => {
  t = await makeTestApp();
  client = await DashboardClient.asOperator(t);
  await client.get("/dashboard/catalog/A3/edit?shop=demo");
});
afterEach(async () => {
  await t.close();
});

function png(width: number, height: number): Uint8Array<ArrayBuffer> {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return new Uint8Array(PNG.sync.write(image));
}

/** Saves product A3 with a photo and the given extra file fields, as the editor's form sends them. */
async function saveA3(photo: Uint8Array<ArrayBuffer>, copies: Record<string, Uint8Array<ArrayBuffer>>): Promise<string> {
  const form = new FormData();
  form.set("_csrf", client.csrf);
  for (const [k, v] of Object.entries({ code: "A3", name: "Xôi nếp nương", price: "30000", unit: "phần", stock: "10" })) form.set(k, v);
  for (const day of "1234567") form.append("days", day);
  form.append("photo", new File([photo], "p.png", { type: "image/png" }));
  for (const [name, bytes] of Object.entries(copies)) form.append(name, new File([bytes], `${name}.png`, { type: "image/png" }));
  const res = await t.app.request("/dashboard/catalog/A3?shop=demo", { method: "POST", headers: { cookie: client.cookie }, body: form });
  expect(res.status, await res.clone().text()).toBe(303);
  const row = await t.sqlite.store.db.selectFrom("products").select("photo_url").where("code", "=", "A3").executeTakeFirstOrThrow();
  return row.photo_url ?? "";
}

async function servedSize(path: string) {
  const res = await t.app.request(path);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(res.headers.get("content-length")).toBe(String(bytes.length));
  return imageSize(bytes);
}

describe("product photo copies", () => {
  it("serves the smallest copy big enough for the place, the original beyond, and links the list to the thumbnail", async () => {
    const url = await saveA3(png(400, 300), { photo_w320: png(320, 240), photo_w128: png(128, 96) });
    expect(await servedSize(`${url}?w=64`)).toEqual({ width: 128, height: 96 });
    expect(await servedSize(`${url}?w=128`)).toEqual({ width: 128, height: 96 });
    expect(await servedSize(`${url}?w=129`)).toEqual({ width: 320, height: 240 });
    expect(await servedSize(`${url}?w=320`)).toEqual({ width: 320, height: 240 });
    expect(await servedSize(`${url}?w=321`)).toEqual({ width: 400, height: 300 });
    expect(await servedSize(url)).toEqual({ width: 400, height: 300 });
    expect(await servedSize(`${url}?w=abc`)).toEqual({ width: 400, height: 300 });
    const list = await client.get("/dashboard/catalog?shop=demo");
    expect(list.html).toContain(`src="${url}?w=128"`);
    expect((await client.get("/dashboard/catalog/A3/edit?shop=demo")).html).toContain(`src="${url}?w=320"`);
  });

  it("drops a copy that is not what it claims, and serves the original instead", async () => {
    const url = await saveA3(png(400, 300), {
      photo_w128: png(300, 200), // bigger than its field says
      photo_w320: new Uint8Array(new TextEncoder().encode("<svg onload=alert(1)></svg>")),
    });
    expect(await t.sqlite.store.db.selectFrom("media_variants").select("width").execute()).toEqual([]);
    expect(await servedSize(`${url}?w=128`)).toEqual({ width: 400, height: 300 });
    const same = await saveA3(png(300, 200), { photo_w320: png(300, 200) }); // no smaller than the photo
    expect(await servedSize(`${same}?w=128`)).toEqual({ width: 300, height: 200 });
    expect(await t.sqlite.store.db.selectFrom("media_variants").select("width").execute()).toEqual([]);
  });

  it("a photo uploaded before copies existed is served whole at any size", async () => {
    const id = "OldPhoto0123456789ab";
    const bytes = png(1280, 960);
    await t.sqlite.store.db.insertInto("media").values({ id, shop_id: 1, content_type: "image/png", bytes, created_at: t.clock.now().toISOString() }).execute();
    const res = await t.app.request(`/media/${id}?w=128`);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });
});

describe("imageSize", () => {
  it("reads a JPEG's size from its start-of-frame, a PNG's from IHDR, and refuses what it cannot read", () => {
    // SOI, an APP0 segment of 16 bytes, then SOF0: precision 8, height 0x01E0 (480), width 0x0280 (640).
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array<number>(14).fill(0), 0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    expect(imageSize(jpeg)).toEqual({ width: 640, height: 480 });
    expect(imageSize(png(7, 5))).toEqual({ width: 7, height: 5 });
    expect(imageSize(jpeg.subarray(0, 22))).toBeUndefined();
    expect(imageSize(new TextEncoder().encode("GIF89a"))).toBeUndefined();
  });
});
