use yew::prelude::*;

use crate::components::header::Header;
use crate::components::nav::Nav;
use crate::state::{Action, Section, State};

pub type StateHandle = UseReducerHandle<State>;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::initial);
    let on_navigate = {
        let state = state.clone();
        Callback::from(move |section: Section| state.dispatch(Action::Navigate(section)))
    };
    let section = state.section;
    html! {
        <ContextProvider<StateHandle> context={state.clone()}>
            <div class="app">
                <Header />
                <Nav current={section} {on_navigate} />
                <main id="main" class="main" aria-labelledby="section-title">
                    <h2 id="section-title" class="section-title">{ section.label() }</h2>
                </main>
            </div>
        </ContextProvider<StateHandle>>
    }
}
