import type { Session } from "../../../domain/auth/accounts";
import { ACTIVITY_GROUPS } from "../../../domain/books/activity-groups";
import { mediaUrlAt, PHOTO_SIDE } from "../../../domain/media/photos";
import type { CatalogEditorMessages } from "../../../i18n/catalog-editor";
import { CsrfField } from "../layout";
import { MAX, type ProductForm as Form } from "./form-input";
import { showablePhoto } from "./links";
import { PhotoField } from "./photo-field";

export interface ProductFormProps {
  m: CatalogEditorMessages;
  session: Session;
  action: string;
  form: Form;
  /** The stored photo, shown above the picker (none for a new product). */
  photoUrl: string | null;
  submit: string;
}

/** The product form, new or edit: every field filled from `form`, as stored or as last typed. */
export function ProductForm(props: ProductFormProps) {
  const { m, form: f } = props;
  const photo = showablePhoto(props.photoUrl);
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="card pform">
      <CsrfField session={props.session} />
      <div class="grid">
        <label>
          {m.fCode}
          <input name="code" value={f.code} required maxlength={10} autocapitalize="characters" placeholder="A1" />
          <small>{m.fCodeHint}</small>
        </label>
        <label>
          {m.fName}
          <input name="name" value={f.name} required maxlength={MAX.name} />
        </label>
        <label>
          {m.fPrice}
          <input name="price" value={f.price} required inputmode="decimal" maxlength={20} placeholder="45.000" />
          <small>{m.fPriceHint}</small>
        </label>
        <label>
          {m.fUnit}
          <input name="unit" value={f.unit} required maxlength={MAX.unit} />
        </label>
        <label>
          {m.fStock}
          <input name="stock" type="number" min="0" max="9999999" step="1" inputmode="numeric" value={f.stock} />
        </label>
        <label>
          {m.fWeight}
          <input name="weight" type="number" min="1" max="100000" step="1" inputmode="numeric" value={f.weight} />
        </label>
        <label>
          {m.fCategory}
          <input name="category" value={f.category} maxlength={MAX.category} />
        </label>
      </div>
      <label>
        {m.fActivityGroup}
        <select name="activityGroup">
          {ACTIVITY_GROUPS.map((g) => (
            <option value={g} selected={f.activityGroup === g}>
              {m.activityGroupNames[g]}
            </option>
          ))}
        </select>
        <small>{m.fActivityGroupHint}</small>
      </label>
      <label>
        {m.fDescription}
        <textarea name="description" rows={3} maxlength={MAX.description}>
          {f.description}
        </textarea>
      </label>
      <label>
        {m.fAliases}
        <input name="aliases" value={f.aliases} maxlength={MAX.aliases} placeholder="cơm gà, gà nướng" />
        <small>{m.fAliasesHint}</small>
      </label>
      <label>
        {m.fLabels}
        <input name="labels" value={f.labels} maxlength={MAX.labels} />
        <small>{m.fLabelsHint}</small>
      </label>
      <fieldset>
        <legend>{m.fDays}</legend>
        {m.weekdays.map((label, i) => (
          <label class="day">
            <input type="checkbox" name="days" value={i + 1} checked={f.days.includes(String(i + 1))} /> {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{m.fHours}</legend>
        <div class="grid">
          <label>
            {m.fFrom}
            <input type="time" name="from" value={f.from} />
          </label>
          <label>
            {m.fTo}
            <input type="time" name="to" value={f.to} />
          </label>
        </div>
      </fieldset>
      <label class="check">
        <input type="checkbox" name="soldOut" value="1" checked={f.soldOut} /> {m.fSoldOut}
      </label>
      <label>
        {m.fOptions}
        <textarea name="options" rows={3} maxlength={MAX.options} placeholder="Cỡ: Vừa=0, Lớn=10000">
          {f.options}
        </textarea>
        <small>{m.fOptionsHint}</small>
      </label>
      <label>
        {m.fOptionWeights}
        <input name="optionWeights" value={f.optionWeights} maxlength={600} placeholder="Lớn=200" />
        <small>{m.fOptionWeightsHint}</small>
      </label>
      {photo ? (
        <p>
          {m.fCurrentPhoto}
          <br />
          <img src={mediaUrlAt(photo, PHOTO_SIDE.card)} alt="" />
        </p>
      ) : (
        ""
      )}
      <PhotoField m={m} />
      <button class="btn" type="submit">
        {props.submit}
      </button>
    </form>
  );
}
