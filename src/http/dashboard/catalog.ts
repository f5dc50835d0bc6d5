// The catalog editor (/dashboard/catalog) and the product photos it uploads (/media/<id>); the
// pages, forms and routes live in ./catalog/.
export { catalogRoutes } from "./catalog/routes";
export { mediaRoute } from "./catalog/media-route";
export { MAX_PHOTO_BYTES } from "./catalog/photo-upload";
export { sniffImageType } from "../../domain/media/image-size";
