// The pages' stylesheets and scripts, bundled into the Worker as text (wrangler's Text rule for
// src/web/assets/). A test checks that every file in src/web/assets/ is listed here.
import type { AssetFile } from "./asset-catalog";
import dashboardCss from "./assets/dashboard.css";
import catalogEditorCss from "./assets/catalog-editor.css";
import commentTrialCss from "./assets/comment-trial.css";
import photoResizeJs from "./assets/photo-resize.js";
import loginLinkCss from "./assets/login-link.css";
import ordersBoardCss from "./assets/orders-board.css";
import ordersLiveJs from "./assets/orders-live.js";
import salesCss from "./assets/sales.css";
import shopsCss from "./assets/shops.css";
import signInCss from "./assets/sign-in.css";
import slipCss from "./assets/slip.css";
import slip58Css from "./assets/slip-58.css";
import slip80Css from "./assets/slip-80.css";
import slipPrintJs from "./assets/slip-print.js";
import broadcastComposerJs from "./assets/broadcast-composer.js";
import broadcastsCss from "./assets/broadcasts.css";
import paymentsCss from "./assets/payments.css";
import chatCss from "./assets/chat.css";
import chatJs from "./assets/chat.js";
import payCss from "./assets/pay.css";
import payJs from "./assets/pay.js";
import booksCss from "./assets/books.css";
import booksPrintCss from "./assets/books-print.css";
import declarationsCss from "./assets/declarations.css";
import declarationsJs from "./assets/declarations.js";

/** Every asset, by file name. */
export const BUNDLED_ASSETS: AssetFile[] = [{ name: "dashboard.css", text: dashboardCss }, { name: "catalog-editor.css", text: catalogEditorCss }, { name: "comment-trial.css", text: commentTrialCss }, { name: "photo-resize.js", text: photoResizeJs }, { name: "broadcasts.css", text: broadcastsCss }, { name: "broadcast-composer.js", text: broadcastComposerJs }, { name: "payments.css", text: paymentsCss }, { name: "login-link.css", text: loginLinkCss }, { name: "orders-board.css", text: ordersBoardCss }, { name: "orders-live.js", text: ordersLiveJs }, { name: "sales.css", text: salesCss }, { name: "shops.css", text: shopsCss }, { name: "sign-in.css", text: signInCss }, { name: "slip.css", text: slipCss }, { name: "slip-58.css", text: slip58Css }, { name: "slip-80.css", text: slip80Css }, { name: "slip-print.js", text: slipPrintJs }, { name: "chat.css", text: chatCss }, { name: "chat.js", text: chatJs }, { name: "pay.css", text: payCss }, { name: "pay.js", text: payJs }, { name: "books.css", text: booksCss }, { name: "books-print.css", text: booksPrintCss }, { name: "declarations.css", text: declarationsCss }, { name: "declarations.js", text: declarationsJs }];
