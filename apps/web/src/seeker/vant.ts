// The Vant 4 components this app uses, with their stylesheets but without Vant's icon font: its @font-face is a
// data: URL the API's CSP (default-src 'self') refuses, after which Chromium asks the font's fallback host (a CDN) —
// a third-party request from a page that must make none. The one icon shown (the checkbox's tick) is drawn in CSS
// (seeker.css). Imported from each component's own module, not the 'vant' barrel, so a screen loads only this.
import 'vant/es/style/base.css';
import 'vant/es/loading/index.css';
import 'vant/es/button/index.css';
import 'vant/es/cell/index.css';
import 'vant/es/field/index.css';
import 'vant/es/checkbox-group/index.css';
import 'vant/es/checkbox/index.css';
import 'vant/es/overlay/index.css';
import 'vant/es/popup/index.css';
import 'vant/es/toast/index.css';
import 'vant/es/action-bar/index.css';
import 'vant/es/action-bar-button/index.css';
import 'vant/es/dialog/index.css';

export { Button as VanButton } from 'vant/es/button';
export { Field as VanField } from 'vant/es/field';
export { Checkbox as VanCheckbox } from 'vant/es/checkbox';
export { CheckboxGroup as VanCheckboxGroup } from 'vant/es/checkbox-group';
export { showToast } from 'vant/es/toast';
export { showConfirmDialog } from 'vant/es/dialog';
